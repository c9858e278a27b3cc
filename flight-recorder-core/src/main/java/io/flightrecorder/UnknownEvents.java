package io.flightrecorder;

import java.util.Collection;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jdk.jfr.EventType;
import org.jspecify.annotations.Nullable;

/**
 * Warns of the events that settings name and this JVM does not know: not registered, and
 * not in JFR's own {@code default} settings (an event of a newer JDK, or a typo). Not an
 * error: an application or library may register the event later, and its settings apply
 * then.
 */
final class UnknownEvents {

	private static final System.Logger logger = System.getLogger(FlightRecorder.class.getName());

	private UnknownEvents() {
	}

	/**
	 * Logs one warning for each unknown event among the given setting names
	 * ({@code <event>#<setting>}).
	 */
	static void warn(Collection<String> settingNames) {
		Set<String> known = jdk.jfr.FlightRecorder.getFlightRecorder()
			.getEventTypes()
			.stream()
			.map(EventType::getName)
			.collect(Collectors.toCollection(TreeSet::new));
		RingRecording.defaultSettings().keySet().forEach((setting) -> known.add(event(setting)));
		settingNames.stream().map(UnknownEvents::event).distinct().filter((name) -> !known.contains(name)).forEach(
				(name) -> logger.log(System.Logger.Level.WARNING, message(name, closest(name, known))));
	}

	private static String message(String name, @Nullable String closest) {
		return "The flight recorder's settings name the event '" + name + "', which this JVM does not know"
				+ ((closest != null) ? "; did you mean '" + closest + "'?" : ".")
				+ " Its settings apply if it is registered later.";
	}

	private static String event(String setting) {
		int hash = setting.indexOf('#');
		return (hash >= 0) ? setting.substring(0, hash) : setting;
	}

	/**
	 * Returns the known name nearest to the given one in edit distance, ignoring case, if
	 * it is near enough to be a typo of it (at most a third of its length).
	 */
	static @Nullable String closest(String name, Collection<String> known) {
		String lower = name.toLowerCase();
		return known.stream()
			.min(Comparator.comparingInt((String candidate) -> distance(lower, candidate.toLowerCase())))
			.filter((candidate) -> distance(lower, candidate.toLowerCase()) <= Math.max(2, name.length() / 3))
			.orElse(null);
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}

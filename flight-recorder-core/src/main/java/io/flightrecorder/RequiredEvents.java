package io.flightrecorder;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

import io.flightrecorder.internal.Durations;
import jdk.jfr.EventType;
import jdk.jfr.SettingDescriptor;

/**
 * The events the ring records whatever its settings say, for the event triggers that read
 * them: each enabled, and its threshold no higher than the triggers need.
 */
final class RequiredEvents {

	private static final System.Logger logger = System.getLogger(RequiredEvents.class.getName());

	private static final String ENABLED = "#enabled";

	private static final String THRESHOLD = "#threshold";

	private final Map<String, Duration> events;

	RequiredEvents(Map<String, Duration> events) {
		this.events = events;
	}

	/**
	 * Returns the settings with each required event enabled and its threshold lowered where
	 * it is above the required one, or set where the settings give none.
	 */
	Map<String, String> apply(Map<String, String> settings) {
		Map<String, String> applied = new HashMap<>(settings);
		this.events.forEach((event, threshold) -> {
			applied.put(event + ENABLED, "true");
			String current = applied.get(event + THRESHOLD);
			if ((current != null) ? above(current, threshold) : hasThreshold(event)) {
				applied.put(event + THRESHOLD, Durations.jfr(threshold));
			}
		});
		return applied;
	}

	/**
	 * Logs, once, each event whose settings the requirements change: what the settings said,
	 * and what the ring records instead.
	 */
	void logChanges(Map<String, String> settings, String settingsName) {
		Map<String, String> applied = apply(settings);
		StringJoiner changes = new StringJoiner("; ");
		this.events.keySet().stream().sorted().forEach((event) -> {
			String said = said(settings, event);
			String records = said(applied, event);
			if (!said.equals(records)) {
				changes.add(event + " " + records + " (the settings say " + said + ")");
			}
		});
		if (changes.length() > 0) {
			logger.log(System.Logger.Level.INFO, "The flight recorder's event triggers need events that its settings '"
					+ settingsName + "' leave out or record above the triggers' thresholds; the ring records: " + changes);
		}
	}

	private static String said(Map<String, String> settings, String event) {
		String enabled = settings.getOrDefault(event + ENABLED, "not set");
		String threshold = settings.get(event + THRESHOLD);
		return "enabled " + enabled + ((threshold != null) ? ", threshold " + threshold : "");
	}

	private static boolean above(String current, Duration threshold) {
		try {
			return Durations.parse(current).compareTo(threshold) > 0;
		}
		catch (IllegalArgumentException ex) {
			return true;
		}
	}

	private static boolean hasThreshold(String event) {
		for (EventType type : jdk.jfr.FlightRecorder.getFlightRecorder().getEventTypes()) {
			if (type.getName().equals(event)) {
				return type.getSettingDescriptors().stream().map(SettingDescriptor::getName).anyMatch("threshold"::equals);
			}
		}
		return false;
	}

}

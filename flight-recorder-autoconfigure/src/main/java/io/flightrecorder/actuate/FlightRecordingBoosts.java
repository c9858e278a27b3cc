package io.flightrecorder.actuate;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

/**
 * The settings a boost of the {@link FlightRecordingEndpoint} can ask for, by name, and the
 * longest boost.
 */
public class FlightRecordingBoosts {

	private final Map<String, Supplier<Map<String, String>>> presets;

	private final Duration maxDuration;

	/**
	 * Creates the boosts.
	 * @param presets the settings by name, each read when first asked for
	 * @param maxDuration the longest boost; one asked for longer gets this
	 */
	public FlightRecordingBoosts(Map<String, Supplier<Map<String, String>>> presets, Duration maxDuration) {
		this.presets = Collections.unmodifiableMap(new LinkedHashMap<>(presets));
		this.maxDuration = maxDuration;
	}

	/**
	 * Returns the settings of the given name.
	 */
	@Nullable Map<String, String> settings(String name) {
		Supplier<Map<String, String>> preset = this.presets.get(name);
		return (preset != null) ? preset.get() : null;
	}

	Set<String> names() {
		return this.presets.keySet();
	}

	/**
	 * Returns the duration a boost gets: the one asked for, at most the longest.
	 * @param asked as the request gave it, such as {@code 2m} or {@code PT2M}, or
	 * {@code null} for the longest
	 * @throws IllegalArgumentException naming the value if it is not a duration
	 */
	Duration duration(@Nullable String asked) {
		if (asked == null) {
			return this.maxDuration;
		}
		Duration duration;
		try {
			duration = DurationStyle.detectAndParse(asked);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Invalid duration '" + asked + "': a number with a unit ns, us, ms, s, m, "
					+ "h or d, such as 30s or 2m, or ISO-8601 such as PT2M", ex);
		}
		return (duration.compareTo(this.maxDuration) > 0) ? this.maxDuration : duration;
	}

}

package io.flightrecorder.actuate;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

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
	 */
	Duration duration(@Nullable Duration asked) {
		return (asked == null || asked.compareTo(this.maxDuration) > 0) ? this.maxDuration : asked;
	}

}

package io.flightrecorder.autoconfigure;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.flightrecorder.autoconfigure.FlightRecorderProperties.Event;
import jdk.jfr.Configuration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.util.function.SingletonSupplier;

/**
 * JFR settings from configuration: a base (JFR's {@code default} or {@code profile}, or a
 * {@code .jfc} file) with the settings of single events over it.
 *
 * @param name what they are called, such as {@code profile + 2 event settings}
 * @param settings the settings, as JFR names them
 */
record RecordingSettings(String name, Map<String, String> settings) {

	private static final Log logger = LogFactory.getLog(RecordingSettings.class);

	private static final Set<String> CONFIGURATIONS = Set.of("default", "profile");

	/**
	 * Resolves settings from configuration.
	 * @param base 'default', 'profile', or the location of a {@code .jfc} file
	 * @param events the settings of single events
	 * @param redactedEvents the events that stay disabled: a {@code .jfc} that enables one
	 * is told of in a warning
	 * @return the settings
	 * @throws IllegalStateException if the base cannot be read
	 */
	static RecordingSettings resolve(String base, List<Event> events, Set<String> redactedEvents) {
		Map<String, String> settings = new LinkedHashMap<>(read(base));
		if (!CONFIGURATIONS.contains(base)) {
			redactedEvents.stream()
				.filter((event) -> "true".equals(settings.get(event + "#enabled")))
				.forEach((event) -> logger.warn("The flight recorder's settings " + base + " enable " + event
						+ ", which is redacted (flight-recorder.redaction.events): it stays disabled"));
		}
		events.forEach((event) -> settings.putAll(event.jfrSettings()));
		String name = events.isEmpty() ? base : base + " + " + events.size() + " event settings";
		return new RecordingSettings(name, settings);
	}

	/**
	 * Returns the settings a boost can ask for: JFR's {@code default} and {@code profile},
	 * and the presets of {@code flight-recorder.boost.presets}, each read when first asked
	 * for.
	 * @param properties the recorder's properties
	 * @return the settings by name
	 */
	static Map<String, Supplier<Map<String, String>>> boostPresets(FlightRecorderProperties properties) {
		Set<String> redacted = properties.getRedaction().redactedEvents();
		Map<String, Supplier<Map<String, String>>> presets = new LinkedHashMap<>();
		CONFIGURATIONS.stream()
			.sorted()
			.forEach((name) -> presets.put(name, SingletonSupplier.of(() -> resolve(name, List.of(), redacted).settings())));
		properties.getBoost()
			.getPresets()
			.forEach((name, preset) -> presets.put(name, SingletonSupplier
				.of(() -> resolve(preset.getSettings(), preset.getEvents(), redacted).settings())));
		return presets;
	}

	/**
	 * Checks that base settings name JFR's configurations or a {@code .jfc} file that
	 * exists and that JFR can read, so that a file that cannot be is refused with the
	 * property that names it.
	 * @param base the base settings
	 * @return the base settings
	 * @throws IllegalArgumentException if they are neither
	 */
	static String checkLocation(String base) {
		String trimmed = base.trim();
		if (!CONFIGURATIONS.contains(trimmed)) {
			if (!resource(trimmed).exists()) {
				throw new IllegalArgumentException("no .jfc file at '" + trimmed + "'");
			}
			try {
				read(trimmed);
			}
			catch (IllegalStateException ex) {
				throw new IllegalArgumentException(ex.getMessage(), ex);
			}
		}
		return trimmed;
	}

	private static Map<String, String> read(String base) {
		try {
			if (CONFIGURATIONS.contains(base)) {
				return Configuration.getConfiguration(base).getSettings();
			}
			try (Reader reader = new InputStreamReader(resource(base).getInputStream(), StandardCharsets.UTF_8)) {
				return Configuration.create(reader).getSettings();
			}
		}
		catch (IOException | ParseException ex) {
			throw new IllegalStateException("The JFR settings '" + base + "' cannot be read: " + ex.getMessage(), ex);
		}
	}

	private static Resource resource(String location) {
		return location.contains(":") ? new DefaultResourceLoader().getResource(location)
				: new FileSystemResource(location);
	}

}

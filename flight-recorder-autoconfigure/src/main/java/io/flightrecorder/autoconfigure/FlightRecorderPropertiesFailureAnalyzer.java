package io.flightrecorder.autoconfigure;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;

/**
 * Explains an invalid {@code flight-recorder.*} property: which property, which value, why it
 * was refused, and what is accepted. Ordered before Spring Boot's generic bind failure
 * analysis, which does not say what is accepted.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class FlightRecorderPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	private static final String PREFIX = "flight-recorder.";

	private static final String BOOLEAN = "true or false";

	private static final String DURATION = "a number with a unit ns, us, ms, s, m, h or d, such as 500ms, 10s or 2m, "
			+ "or ISO-8601 such as PT10S; a plain number means milliseconds";

	private static final String DATA_SIZE = "a positive data size: a number with a unit B, KB, MB, GB or TB "
			+ "(binary multiples), such as 512KB, 10MB or 1GB; a plain number means bytes";

	private static final String POSITIVE_DURATION = "a positive duration: " + DURATION;

	private static final String DURATION_OR_ZERO = "a duration of zero or more: " + DURATION;

	private static final String TRIGGERS = PREFIX + "triggers.";

	private static final String STORAGE = PREFIX + "storage.";

	private static final String SETTINGS = "default, profile, or the location of a .jfc file that exists: a path, "
			+ "file:... or classpath:...";

	private static final String TIMESPAN = "a time span as JFR writes it, a number and a unit ns, us, ms, s, m, h "
			+ "or d, such as '10 ms' or '0 ns', or 'infinity'";

	private static final String PERIOD = "a time span as JFR writes it, such as '20 ms' or '1 s', or everyChunk, "
			+ "beginChunk or endChunk";

	private static final String THROTTLE = "a rate such as '300/s' or '10/ms', 'off', or for jdk.CPUTimeSample a "
			+ "time span such as '10 ms'";

	private static final String ENABLED = BOOLEAN + "; an event of flight-recorder.redaction.events can be "
			+ "enabled only once it is removed from that list";

	private static final Map<String, String> ACCEPTED = Map.ofEntries(Map.entry(PREFIX + "enabled", BOOLEAN),
			Map.entry(PREFIX + "size", DATA_SIZE), Map.entry(PREFIX + "period", POSITIVE_DURATION),
			Map.entry(PREFIX + "observations.enabled", BOOLEAN),
			Map.entry(PREFIX + "observations.threshold", DURATION_OR_ZERO),
			Map.entry(PREFIX + "redaction.enabled", BOOLEAN),
			Map.entry(PREFIX + "redaction.events",
					"a comma-separated list of JFR event names, such as jdk.InitialSystemProperty,jdk.JVMInformation"),
			Map.entry(PREFIX + "repository", "a writable directory, or a path where one can be created"),
			Map.entry(PREFIX + "min-free-space", DATA_SIZE),
			Map.entry(PREFIX + "start-in-background", BOOLEAN),
			Map.entry(PREFIX + "dumps.directory", "a directory, or a path where one can be created"),
			Map.entry(PREFIX + "dumps.max-count", "a positive whole number, such as 10"),
			Map.entry(PREFIX + "dumps.max-total-size", DATA_SIZE), Map.entry(PREFIX + "dumps.on-exit", BOOLEAN),
			Map.entry(PREFIX + "dumps.on-crash", BOOLEAN),
			Map.entry(PREFIX + "settings", SETTINGS),
			Map.entry(PREFIX + "events[].name", "the name of a JFR event, such as jdk.JavaMonitorEnter"),
			Map.entry(PREFIX + "events[].enabled", ENABLED), Map.entry(PREFIX + "events[].threshold", TIMESPAN),
			Map.entry(PREFIX + "events[].period", PERIOD), Map.entry(PREFIX + "events[].throttle", THROTTLE),
			Map.entry(PREFIX + "events[].stack-trace", BOOLEAN), Map.entry(PREFIX + "events[].cutoff", TIMESPAN),
			Map.entry(PREFIX + "events[].filter", "a method filter, such as com.example.OrderService::place"),
			Map.entry(PREFIX + "boost.max-duration", POSITIVE_DURATION),
			Map.entry(PREFIX + "report.build", "auto, in-process or out-of-process"),
			Map.entry(PREFIX + "report.heap-share", "a number above 0 and at most 1, such as 0.5"),
			Map.entry(PREFIX + "report.timeout", POSITIVE_DURATION),
			Map.entry(PREFIX + "report.max-process-heap", DATA_SIZE),
			Map.entry(TRIGGERS + "global-cooldown", DURATION_OR_ZERO), Map.entry(TRIGGERS + "delay", DURATION_OR_ZERO),
			Map.entry(TRIGGERS + "include-actuator", BOOLEAN),
			Map.entry(TRIGGERS + "meter-check-interval", POSITIVE_DURATION),
			Map.entry(TRIGGERS + "slow-observation.enabled", BOOLEAN),
			Map.entry(TRIGGERS + "slow-observation.threshold", POSITIVE_DURATION),
			Map.entry(TRIGGERS + "slow-observation.cooldown", DURATION_OR_ZERO),
			Map.entry(TRIGGERS + "error.enabled", BOOLEAN), Map.entry(TRIGGERS + "error.cooldown", DURATION_OR_ZERO),
			Map.entry(TRIGGERS + "meters[].name", "the name of a meter, such as process.cpu.usage"),
			Map.entry(TRIGGERS + "meters[].above", "a number, such as 0.9; timers are compared in seconds"),
			Map.entry(TRIGGERS + "meters[].cooldown", DURATION_OR_ZERO),
			Map.entry(STORAGE + "bucket", "the name of an existing bucket: 3 to 255 letters, digits, dots, hyphens or "
					+ "underscores, such as flight-recorder-dumps"),
			Map.entry(STORAGE + "max-count", "a whole number, 0 (keep all) or more, such as 20"),
			Map.entry(STORAGE + "multipart-threshold", DATA_SIZE),
			Map.entry(STORAGE + "part-size", "a data size of at least 5MB, such as 8MB"),
			Map.entry(STORAGE + "retry-interval", POSITIVE_DURATION),
			Map.entry(STORAGE + "max-retry-interval", POSITIVE_DURATION),
			Map.entry(STORAGE + "shutdown-timeout", DURATION_OR_ZERO),
			Map.entry(STORAGE + "server-side-encryption", "AES256, aws:kms or aws:kms:dsse"),
			Map.entry(STORAGE + "checksum", "crc32c or md5"));

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (cause.getCause() instanceof BindValidationException validation) {
			FieldError error = validation.getValidationErrors()
				.getAllErrors()
				.stream()
				.filter(FieldError.class::isInstance)
				.map(FieldError.class::cast)
				.findFirst()
				.orElse(null);
			return (error != null) ? analysis(cause.getName() + "." + error.getField(), rejected(error), "",
					String.valueOf(error.getDefaultMessage()), cause) : null;
		}
		ConfigurationProperty property = cause.getProperty();
		String name = ((property != null) ? property.getName() : cause.getName()).toString();
		String value = (property != null) ? String.valueOf(property.getValue()) : "(none)";
		String origin = (property != null && property.getOrigin() != null) ? " (from " + property.getOrigin() + ")"
				: "";
		return analysis(name, value, origin, reason(cause), cause);
	}

	private static @Nullable FailureAnalysis analysis(String name, String value, String origin, String reason,
			BindException cause) {
		// a boost preset's settings are checked as the ring's own
		String accepted = ACCEPTED.get(name.replaceAll("^flight-recorder\\.boost\\.presets(\\[[^]]+]|\\.[^.\\[]+)\\.", PREFIX)
			.replaceAll("\\[\\d+]", "[]"));
		if (accepted == null) {
			return null;
		}
		String description = "Invalid value '" + value + "' for property '" + name + "'" + origin + ": " + reason;
		return new FailureAnalysis(description, "Set '" + name + "' to " + accepted + ".", cause);
	}

	/**
	 * Returns the value the validator rejected, as given, or {@code (none)} for a value
	 * missing.
	 */
	private static String rejected(FieldError error) {
		Object value = error.getRejectedValue();
		return (value == null || "".equals(value)) ? "(none)" : String.valueOf(value);
	}

	private static String reason(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return String.valueOf(cause.getMessage());
	}

}

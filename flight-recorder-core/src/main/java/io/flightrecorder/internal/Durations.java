package io.flightrecorder.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes durations as JFR's settings and Spring Boot's properties write them.
 */
public final class Durations {

	private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h|d)");

	private Durations() {
	}

	/**
	 * Parses a duration written as JFR and Spring Boot write one ({@code 20 ms}, {@code 500ms},
	 * {@code 1.5s}) or as ISO-8601 ({@code PT0.5S}).
	 * @param text the duration
	 * @return the duration
	 * @throws IllegalArgumentException if it is neither, or negative
	 */
	public static Duration parse(String text) {
		String trimmed = text.trim();
		Matcher matcher = DURATION.matcher(trimmed.toLowerCase(Locale.ROOT));
		if (matcher.matches()) {
			BigDecimal nanos = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(switch (matcher.group(2)) {
				case "ns" -> 1L;
				case "us" -> 1_000L;
				case "ms" -> 1_000_000L;
				case "s" -> 1_000_000_000L;
				case "m" -> 60_000_000_000L;
				case "h" -> 3_600_000_000_000L;
				default -> 86_400_000_000_000L;
			}));
			return Duration.ofNanos(nanos.longValue());
		}
		try {
			Duration duration = Duration.parse(trimmed);
			if (!duration.isNegative()) {
				return duration;
			}
		}
		catch (DateTimeParseException ex) {
			// said below
		}
		throw new IllegalArgumentException("'" + text + "' is not a duration: a number and a unit ns, us, ms, s, m, "
				+ "h or d, such as 500ms or 1.5s, or ISO-8601 such as PT0.5S");
	}

	/**
	 * Writes a duration as a JFR setting takes it: {@code 20 ms}, or in nanoseconds when it
	 * is not a whole number of milliseconds.
	 * @param duration the duration
	 * @return such as {@code 20 ms}
	 */
	public static String jfr(Duration duration) {
		long nanos = duration.toNanos();
		return (nanos % 1_000_000 == 0) ? nanos / 1_000_000 + " ms" : nanos + " ns";
	}

}

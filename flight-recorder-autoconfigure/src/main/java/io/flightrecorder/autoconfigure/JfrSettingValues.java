package io.flightrecorder.autoconfigure;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks the values of JFR event settings as JFR reads them, so that a value JFR cannot
 * parse (which it would ignore) stops start-up instead, naming its property.
 */
final class JfrSettingValues {

	private static final String UNIT = "\\s*(ns|us|ms|s|m|h|d)";

	private static final Pattern TIMESPAN = Pattern.compile("\\d+" + UNIT);

	private static final Pattern RATE = Pattern.compile("\\d+\\s*/" + UNIT);

	private JfrSettingValues() {
	}

	/**
	 * A threshold or cutoff: a duration such as {@code 20 ms}, or {@code infinity}.
	 */
	static String timespan(String value) {
		String trimmed = value.trim();
		if (!TIMESPAN.matcher(trimmed).matches() && !"infinity".equals(trimmed)) {
			throw new IllegalArgumentException("'" + value + "' is not a JFR time span: a number and a unit ns, us, ms, s, m, h or d, "
					+ "such as '10 ms' or '0 ns', or 'infinity'");
		}
		return trimmed;
	}

	/**
	 * A period: a duration, or {@code everyChunk}, {@code beginChunk}, {@code endChunk}.
	 */
	static String period(String value) {
		String trimmed = value.trim();
		if (!TIMESPAN.matcher(trimmed).matches() && !trimmed.matches("(every|begin|end)Chunk")) {
			throw new IllegalArgumentException("'" + value + "' is not a JFR period: a time span such as '20 ms' or '1 s', or "
					+ "everyChunk, beginChunk or endChunk");
		}
		return trimmed;
	}

	/**
	 * A throttle: a rate such as {@code 300/s}, {@code off}, or a duration between samples
	 * (as {@code jdk.CPUTimeSample} takes on JDK 25).
	 */
	static String throttle(String value) {
		String trimmed = value.trim();
		if (!RATE.matcher(trimmed).matches() && !TIMESPAN.matcher(trimmed).matches()
				&& !"off".equals(trimmed.toLowerCase(Locale.ROOT))) {
			throw new IllegalArgumentException("'" + value + "' is not a JFR throttle: a rate such as '300/s' or '10/ms', 'off', "
					+ "or for jdk.CPUTimeSample a time span such as '10 ms'");
		}
		return trimmed;
	}

	/**
	 * Any value that is not blank: a method filter, say.
	 */
	static String notBlank(String value) {
		if (value.isBlank()) {
			throw new IllegalArgumentException("must not be blank");
		}
		return value.trim();
	}

}

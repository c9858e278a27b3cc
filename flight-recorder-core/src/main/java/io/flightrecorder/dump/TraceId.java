package io.flightrecorder.dump;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A trace ID to look requests up by: 32 hexadecimal digits (W3C Trace Context, OpenTelemetry,
 * Brave's 128-bit IDs) or 16 (B3's 64-bit IDs), in either case.
 * <p>
 * A 16-digit ID also matches the 32-digit IDs whose lower 64 bits it is, as Zipkin matches
 * them: a service that propagates B3 with 64-bit IDs and one that widened them to 128 bits
 * record the same trace.
 */
public final class TraceId {

	private static final Pattern HEX = Pattern.compile("[0-9a-f]{16}|[0-9a-f]{32}");

	private static final int SHOWN = 40;

	private final String value;

	private TraceId(String value) {
		this.value = value;
	}

	/**
	 * Reads a trace ID as a user gives it.
	 * @param text the ID
	 * @return the ID, in lower case
	 * @throws IllegalArgumentException if it is not 16 or 32 hexadecimal digits, or all zeros
	 * (an invalid ID in W3C Trace Context); the message says what was given, cut short, and
	 * what is accepted
	 */
	public static TraceId parse(String text) {
		String value = text.trim().toLowerCase(Locale.ROOT);
		if (!HEX.matcher(value).matches() || value.chars().allMatch((digit) -> digit == '0')) {
			throw new IllegalArgumentException("'" + shown(text) + "' (" + text.length()
					+ " characters) is not a trace ID: a trace ID is 32 hexadecimal digits (W3C Trace Context, "
					+ "OpenTelemetry, Brave) or 16 (B3's 64-bit IDs), not all zeros, such as "
					+ "4bf92f3577b34da6a3ce929d0e0e4736");
		}
		return new TraceId(value);
	}

	/**
	 * Returns whether a trace ID as a recording holds it is this one.
	 * @param recorded the recorded ID
	 * @return whether it is equal, ignoring case, or this is its lower 64 bits
	 */
	public boolean matches(String recorded) {
		int length = recorded.length();
		return recorded.regionMatches(true, Math.max(0, length - this.value.length()), this.value, 0,
				this.value.length()) && (length == this.value.length() || (length == 32 && this.value.length() == 16));
	}

	/**
	 * Returns the ID in lower case, as given.
	 */
	@Override
	public String toString() {
		return this.value;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof TraceId id && id.value.equals(this.value);
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	/**
	 * Returns text given by a user as it can be shown back in a message: cut short, control
	 * characters replaced.
	 */
	private static String shown(String text) {
		String cut = (text.length() > SHOWN) ? text.substring(0, SHOWN) + "..." : text;
		return cut.replaceAll("\\p{Cntrl}", "?");
	}

}

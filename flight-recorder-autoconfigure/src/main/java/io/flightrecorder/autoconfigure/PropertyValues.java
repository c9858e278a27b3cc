package io.flightrecorder.autoconfigure;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * The checks the properties' setters share, so that an invalid value fails binding with a
 * message that says what was expected.
 */
final class PropertyValues {

	private PropertyValues() {
	}

	static Duration notNegative(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("must not be negative, but was " + duration);
		}
		return duration;
	}

	static Duration positive(Duration duration) {
		if (duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException("must be positive, but was " + duration);
		}
		return duration;
	}

	static DataSize positive(DataSize size) {
		if (size.toBytes() <= 0) {
			throw new IllegalArgumentException("must be positive, but was " + size);
		}
		return size;
	}

	static int notNegative(int number) {
		if (number < 0) {
			throw new IllegalArgumentException("must not be negative, but was " + number);
		}
		return number;
	}

	static int positive(int number) {
		if (number <= 0) {
			throw new IllegalArgumentException("must be positive, but was " + number);
		}
		return number;
	}

}

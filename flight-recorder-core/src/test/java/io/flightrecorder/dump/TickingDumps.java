package io.flightrecorder.dump;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Saved dumps named after a clock that starts at 2026-11-28T12:00:00Z and moves one second
 * each time it is read, so that tests know the names, and dumps of different instances can
 * have the same name.
 */
public final class TickingDumps {

	private TickingDumps() {
	}

	public static SavedDumps in(Path directory, String application) {
		return new SavedDumps(directory, application, 10, Long.MAX_VALUE, 1, clock());
	}

	static Clock clock() {
		return new Clock() {

			private Instant now = Instant.parse("2026-11-28T12:00:00Z");

			@Override
			public ZoneOffset getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(ZoneId zone) {
				throw new UnsupportedOperationException();
			}

			@Override
			public synchronized Instant instant() {
				Instant current = this.now;
				this.now = this.now.plusSeconds(1);
				return current;
			}

		};
	}

}

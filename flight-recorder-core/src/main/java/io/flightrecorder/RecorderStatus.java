package io.flightrecorder;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The state of a {@link FlightRecorder} at one moment, for health checks and metrics: see
 * {@link FlightRecorder#status()}.
 *
 * @param running whether it records
 * @param retainedBytes the bytes its ring keeps on disk, not counting the chunk being
 * recorded; 0 when it is not running
 * @param settings the settings the ring records with now: the name of its own
 * ({@code default} unless set), or the boost in force, such as
 * {@code boost 'profile' until 2026-12-03T10:15:30Z}
 * @param boost the boost in force, or {@code null}
 * @param repository the directory of the JFR repository, or {@code null} before the first
 * start
 * @param freeBytes the bytes usable under the repository, or -1 if unknown
 * @param failure why it failed to start or stopped itself, or {@code null}
 */
public record RecorderStatus(boolean running, long retainedBytes, String settings, @Nullable Boost boost,
		@Nullable Path repository, long freeBytes, @Nullable String failure) {

}

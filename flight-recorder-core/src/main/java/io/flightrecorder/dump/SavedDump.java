package io.flightrecorder.dump;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot saved to disk by a trigger, as {@link SavedDumps} lists it.
 *
 * @param name the file name, {@code <application>-<UTC time>-<trigger>.jfr}
 * @param trigger the name of the trigger that wrote it
 * @param reason why the trigger fired, as it said
 * @param time when it was written
 * @param size its size in bytes
 * @param settings the settings the ring recorded with when it was written, as
 * {@link io.flightrecorder.RecorderStatus#settings()} said, or {@code null} when not
 * known (a dump of a JVM that exited or crashed, or of an earlier version)
 * @param uploaded where a copy of it was uploaded and confirmed, such as
 * {@code s3://bucket/key}, or {@code null} if it was not (yet)
 */
public record SavedDump(String name, String trigger, String reason, Instant time, long size,
		@Nullable String settings, @Nullable String uploaded) {

}

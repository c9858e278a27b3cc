package io.flightrecorder.storage;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A dump in a {@link DumpStorage}, as it lists it: where it is and what its metadata says,
 * read without reading the dump.
 *
 * @param instance the instance that wrote it
 * @param name its name, as {@link io.flightrecorder.dump.SavedDump#name()}
 * @param location where it is, such as {@code s3://bucket/key}
 * @param size its size in bytes
 * @param stored when the storage received it
 * @param trigger what saved it, or {@code null} if its metadata does not say
 * @param reason why, or {@code null} if its metadata does not say
 * @param time when it was saved, or {@code null} if its metadata does not say
 * @param jdk the version of the JDK that recorded it, or {@code null} if its metadata does
 * not say
 * @param settings the settings it was recorded with, or {@code null} if not known
 */
public record StoredDump(String instance, String name, String location, long size, Instant stored,
		@Nullable String trigger, @Nullable String reason, @Nullable Instant time, @Nullable String jdk,
		@Nullable String settings) {

}

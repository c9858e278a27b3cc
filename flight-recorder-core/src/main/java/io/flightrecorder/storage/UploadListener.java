package io.flightrecorder.storage;

import java.time.Duration;

import io.flightrecorder.dump.SavedDump;

/**
 * Told of what {@link DumpUploads} do, for metrics and alerting; added with
 * {@link DumpUploads#addListener}. Called on the thread that uploads; every method must be
 * quick and must not throw.
 */
public interface UploadListener {

	/**
	 * Called when a dump has been uploaded and the storage confirmed it.
	 * @param dump the dump
	 * @param time how long its upload took
	 */
	default void uploaded(SavedDump dump, Duration time) {
	}

	/**
	 * Called when an attempt to upload a dump failed; it is tried again later.
	 * @param dump the dump
	 * @param failure why
	 */
	default void failed(SavedDump dump, Exception failure) {
	}

	/**
	 * Called whenever the number of saved dumps waiting to be uploaded is counted: at start,
	 * and before and after each round of uploads.
	 * @param pending how many wait
	 */
	default void pending(int pending) {
	}

}

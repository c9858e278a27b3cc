package io.flightrecorder.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.dump.TraceId;
import org.jspecify.annotations.Nullable;

/**
 * Where the saved dumps of every instance of an application are kept off the box, so that
 * they outlive the instance that wrote them. Each dump is known by the instance that wrote it
 * and its name; no other name is ever read or written.
 */
public interface DumpStorage {

	/**
	 * Returns where this instance's dumps go, for logs and health details; never a
	 * credential.
	 * @return such as {@code s3://bucket/flight-recorder/orders/orders-7d9f8-x2k4q/}
	 */
	String location();

	/**
	 * Copies a saved dump of this instance to the storage, reading it from disk as it goes,
	 * with the index of its trace IDs, which {@link #findTrace} reads. It returns only once
	 * the storage has confirmed the whole copy and its checksum; a copy that failed is never
	 * listed. Copying the same dump again replaces the copy.
	 * @param dump the dump
	 * @param file its file
	 * @param traceIndex its {@link io.flightrecorder.dump.TraceIndex}, or {@code null} if it
	 * could not be indexed (a lookup then indexes the copy)
	 * @return where it was copied to, as {@link SavedDump#uploaded()} shows it
	 * @throws IOException if a file cannot be read
	 * @throws RuntimeException if the storage refused or could not be reached
	 */
	String upload(SavedDump dump, Path file, @Nullable Path traceIndex) throws IOException;

	/**
	 * Returns what kind of failure an upload's failure is, so that one that repeats, with
	 * nothing but a new request id or attempt count in its message, is told from a new one.
	 * By default the exception's class and message.
	 * @param failure what {@link #upload} threw
	 * @return the kind, compared for equality only
	 */
	default String failureKind(Exception failure) {
		return failure.getClass().getName() + ": " + failure.getMessage();
	}

	/**
	 * Lists the dumps of every instance of the application, newest first.
	 * @return the dumps
	 * @throws RuntimeException if the storage could not be read
	 */
	List<StoredDump> list();

	/**
	 * Finds the stored dumps that hold observations of a trace, from the indexes uploaded
	 * with them, without reading any dump but those uploaded without an index, which are
	 * indexed once and their index stored.
	 * @param id the trace
	 * @param otherApplications whether to look at the dumps of the other applications this
	 * storage may search too (see {@link #searches}), not only this one's
	 * @param indexer indexes a dump stored without an index
	 * @return the dumps that hold it, newest first
	 * @throws RuntimeException if the storage could not be read
	 */
	List<StoredTraceMatch> findTrace(TraceId id, boolean otherApplications, TraceIndexer indexer);

	/**
	 * Returns whether the dumps of an application are this storage's to read: this
	 * application's, and those of the other applications it was allowed to search.
	 * @param application the application's name
	 * @return whether its dumps may be listed, found and served
	 */
	boolean searches(String application);

	/**
	 * Opens a stored dump for reading.
	 * @param application the application that wrote it, as listed
	 * @param instance the instance that wrote it, as listed
	 * @param name its name, as listed
	 * @return its bytes, or empty if there is no such dump, or the application is not one
	 * this storage {@linkplain #searches searches}, or the instance or name is not one that
	 * a dump of it can have
	 * @throws RuntimeException if the storage could not be read
	 */
	Optional<Download> open(String application, String instance, String name);

	/**
	 * The bytes of a stored dump, to be read once and closed.
	 *
	 * @param stream the bytes
	 * @param size how many there are
	 */
	record Download(InputStream stream, long size) {

	}

}

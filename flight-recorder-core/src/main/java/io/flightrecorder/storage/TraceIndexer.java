package io.flightrecorder.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Indexes the trace IDs of a stored dump that has no index (uploaded by an earlier version),
 * from its bytes, for {@link DumpStorage#findTrace}: see
 * {@link io.flightrecorder.dump.SavedDumps#indexCopy}.
 */
@FunctionalInterface
public interface TraceIndexer {

	/**
	 * Indexes a dump.
	 * @param name the dump's name
	 * @param dump its bytes, read to the end
	 * @param size how many there are
	 * @return a temporary file that holds its {@link io.flightrecorder.dump.TraceIndex}, for
	 * the caller to delete
	 * @throws IOException if the dump cannot be read or indexed
	 */
	Path index(String name, InputStream dump, long size) throws IOException;

}

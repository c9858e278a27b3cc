package io.flightrecorder;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

import io.flightrecorder.internal.DiskSpace;
import jdk.jfr.Recording;

/**
 * The bytes of one snapshot, taken from a stopped copy of the ring. Two ways to get them,
 * chosen once per JVM by {@link #of(Recording)}: on JDKs whose chunk stream reads in bulk
 * the copy is streamed as it is; on the others (JDK 17, where that stream reads one byte at
 * a time) the copy is dumped to a temporary file first. See docs/operations.md for the
 * measurements behind the choice.
 */
interface SnapshotContent extends Closeable {

	boolean STREAMS_IN_BULK = chunkStreamReadsInBulk();

	/**
	 * The number of bytes {@link #openStream()} yields, known before the first one.
	 */
	long size();

	/**
	 * Opens the snapshot's bytes. Called at most once.
	 */
	InputStream openStream() throws IOException;

	/**
	 * Releases everything the content holds (chunks of the JFR repository, temporary
	 * files). Called once, after the stream is closed.
	 */
	@Override
	void close() throws IOException;

	/**
	 * Takes the content of the given stopped copy, which it then owns and closes.
	 */
	static SnapshotContent of(Recording copy, DiskSpace storage) throws IOException {
		return STREAMS_IN_BULK ? new StreamedSnapshotContent(copy) : DumpedSnapshotContent.dump(copy, storage);
	}

	private static boolean chunkStreamReadsInBulk() {
		try {
			Class.forName("jdk.jfr.internal.ChunkInputStream")
				.getDeclaredMethod("read", byte[].class, int.class, int.class);
			return true;
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			return false;
		}
	}

}

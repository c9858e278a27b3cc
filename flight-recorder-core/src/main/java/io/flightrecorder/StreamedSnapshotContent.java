package io.flightrecorder;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jdk.jfr.Recording;

/**
 * Streams a stopped copy of the ring straight from the chunk files of the JFR repository,
 * without a temporary file. The copy pins its chunks until it is closed.
 */
final class StreamedSnapshotContent implements SnapshotContent {

	private final Recording copy;

	StreamedSnapshotContent(Recording copy) {
		this.copy = copy;
	}

	@Override
	public long size() {
		return this.copy.getSize();
	}

	@Override
	public InputStream openStream() throws IOException {
		InputStream stream = this.copy.getStream(null, null);
		if (stream == null) {
			throw new IOException("The flight recording holds no data yet");
		}
		return new DrainOnCloseInputStream(stream);
	}

	@Override
	public void close() {
		this.copy.close();
	}

	/**
	 * Reads a chunk stream to its end before closing it. The JDK's chunk stream releases,
	 * on close, only the chunk it is reading; the chunks after it would stay pinned in the
	 * repository until the JVM exits (seen on JDK 25). Reading to the end releases each.
	 * <p>
	 * Reads and the close are serialized, and a read after the close fails: a response
	 * cancelled on one thread (a client gone) closes the stream while another may be reading
	 * it, and a read that went on after the close would open, and pin, the next chunk.
	 */
	private static final class DrainOnCloseInputStream extends FilterInputStream {

		private boolean closed;

		DrainOnCloseInputStream(InputStream in) {
			super(in);
		}

		@Override
		public synchronized int read() throws IOException {
			ensureOpen();
			return this.in.read();
		}

		@Override
		public synchronized int read(byte[] bytes, int offset, int length) throws IOException {
			ensureOpen();
			return this.in.read(bytes, offset, length);
		}

		@Override
		public synchronized long skip(long count) throws IOException {
			ensureOpen();
			return this.in.skip(count);
		}

		@Override
		public synchronized int available() throws IOException {
			ensureOpen();
			return this.in.available();
		}

		@Override
		public synchronized void close() throws IOException {
			if (this.closed) {
				return;
			}
			this.closed = true;
			try {
				this.in.transferTo(OutputStream.nullOutputStream());
			}
			finally {
				this.in.close();
			}
		}

		private void ensureOpen() throws IOException {
			if (this.closed) {
				throw new IOException("The snapshot was closed");
			}
		}

	}

}

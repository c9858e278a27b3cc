package io.flightrecorder;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * One snapshot of a {@link FlightRecorder}: a complete {@code .jfr} stream holding the ring's
 * data up to the moment {@link FlightRecorder#snapshot()} was called.
 * <p>
 * While a snapshot is open, no other snapshot of the same recorder can be taken, and
 * {@link FlightRecorder#stop()} waits for it. {@link #close()} ends it; it may be called from
 * any thread, not only the one that took the snapshot, which lets a reactive server end the
 * snapshot when a response completes. A snapshot that is never closed is closed when it
 * becomes unreachable, as a last resort; do not rely on it.
 * <p>
 * A snapshot is read once, with {@link #writeTo(OutputStream)} or
 * {@link #getInputStream()}. It closes itself as soon as its last byte has been read, before
 * the caller passes that byte on: so a client that waits for the whole snapshot before it
 * asks for the next never finds this one still open. It ended in
 * {@link SnapshotOutcome#SUCCESS success} if every byte was read before it was closed.
 */
public final class Snapshot implements Closeable {

	private static final Cleaner CLEANER = Cleaner.create();

	private static final System.Logger logger = System.getLogger(Snapshot.class.getName());

	private final long size;

	private final State state;

	private final Cleaner.Cleanable cleanable;

	Snapshot(SnapshotContent content, SnapshotListener.Attempt attempt, Runnable onClose) {
		this.size = content.size();
		this.state = new State(content, this.size, attempt, onClose);
		this.cleanable = CLEANER.register(this, this.state);
	}

	/**
	 * Returns the number of bytes of this snapshot, known before the first is read.
	 * @return the size in bytes
	 */
	public long size() {
		return this.size;
	}

	/**
	 * Opens the bytes of this snapshot. Closing the stream does not close the snapshot;
	 * {@link #close()} closes both.
	 * @return the stream of the snapshot's bytes
	 * @throws IOException if the snapshot's data cannot be opened
	 * @throws IllegalStateException if the snapshot was already read or closed
	 */
	public InputStream getInputStream() throws IOException {
		return new ReachableInputStream(this.state.open(), this);
	}

	/**
	 * Writes all bytes of this snapshot to the given stream and returns how many were
	 * written. The stream is not closed.
	 * @param out where to write
	 * @return the number of bytes written
	 * @throws IOException if reading the snapshot or writing to {@code out} fails
	 */
	public long writeTo(OutputStream out) throws IOException {
		try (InputStream in = getInputStream()) {
			return in.transferTo(out);
		}
	}

	/**
	 * Writes all bytes of this snapshot to a new file, for a consumer that keeps the snapshot
	 * itself (a saved dump, a file to analyse): {@code newFile} creates the file for the
	 * snapshot's size, or refuses to (too little disk space). If that or the writing fails,
	 * the file is deleted and the snapshot is closed as not taken: its outcome is
	 * {@link SnapshotOutcome#ERROR error}, as the recorder failed, not a client.
	 * @param newFile creates the file for a size in bytes
	 * @return the file, which the caller owns
	 * @throws IOException if the file cannot be created or written; nothing is left behind
	 */
	public Path writeToNewFile(NewFile newFile) throws IOException {
		Path file = null;
		try {
			file = newFile.create(this.size);
			try (OutputStream out = Files.newOutputStream(file)) {
				writeTo(out);
			}
			return file;
		}
		catch (IOException | RuntimeException ex) {
			closeAs(SnapshotOutcome.ERROR);
			if (file != null) {
				Files.deleteIfExists(file);
			}
			throw ex;
		}
	}

	/**
	 * Releases what the snapshot holds (chunks of the JFR repository, temporary files) and
	 * lets the next snapshot be taken. Idempotent. A failure to release is logged, not
	 * thrown: the snapshot has been served by then.
	 */
	@Override
	public void close() {
		this.cleanable.clean();
	}

	/**
	 * Closes the snapshot as not delivered: its outcome is
	 * {@link SnapshotOutcome#CLIENT_ABORTED client-aborted} even if every byte was read (unless
	 * reading the snapshot itself failed), for a consumer that read ahead and then failed to
	 * pass the bytes on, or was cancelled.
	 */
	public void abort() {
		closeAs(SnapshotOutcome.CLIENT_ABORTED);
	}

	private void closeAs(SnapshotOutcome outcome) {
		this.state.closedAs = outcome;
		close();
	}

	/**
	 * Returns what aborts this snapshot, as {@link #abort()} does, without keeping the
	 * snapshot reachable.
	 */
	Runnable aborter() {
		State state = this.state;
		return () -> {
			state.closedAs = SnapshotOutcome.CLIENT_ABORTED;
			state.run();
		};
	}

	/**
	 * Creates the file {@link #writeToNewFile} writes a snapshot to.
	 */
	@FunctionalInterface
	public interface NewFile {

		/**
		 * Creates a file for a snapshot of the given size.
		 * @param size the snapshot's size in bytes
		 * @return the file, created and empty
		 * @throws IOException if it cannot be created
		 */
		Path create(long size) throws IOException;

	}

	/**
	 * A snapshot's stream, which keeps the snapshot reachable for as long as it is, and
	 * during each read, so that the snapshot is not closed as unreachable while its bytes are
	 * being read.
	 */
	private static final class ReachableInputStream extends FilterInputStream {

		private final Snapshot snapshot;

		ReachableInputStream(InputStream in, Snapshot snapshot) {
			super(in);
			this.snapshot = snapshot;
		}

		@Override
		public int read() throws IOException {
			try {
				return this.in.read();
			}
			finally {
				Reference.reachabilityFence(this.snapshot);
			}
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			try {
				return this.in.read(buffer, offset, length);
			}
			finally {
				Reference.reachabilityFence(this.snapshot);
			}
		}

	}

	/**
	 * What a snapshot holds, kept apart from it so that the {@link Cleaner} can release it
	 * when the snapshot itself is gone.
	 */
	private static final class State implements Runnable {

		private final SnapshotContent content;

		private final long size;

		private final SnapshotListener.Attempt attempt;

		private final Runnable onClose;

		private @Nullable InputStream stream;

		private boolean opened;

		private boolean closed;

		private volatile long bytesRead;

		private volatile boolean readFailed;

		/**
		 * The outcome the consumer closed it with, unless reading it failed.
		 */
		private volatile @Nullable SnapshotOutcome closedAs;

		State(SnapshotContent content, long size, SnapshotListener.Attempt attempt, Runnable onClose) {
			this.content = content;
			this.size = size;
			this.attempt = attempt;
			this.onClose = onClose;
		}

		synchronized InputStream open() throws IOException {
			if (this.opened || this.closed) {
				throw new IllegalStateException("A snapshot is read once, and not after it is closed");
			}
			this.opened = true;
			try {
				this.stream = new CountingInputStream(this.content.openStream());
			}
			catch (IOException | RuntimeException ex) {
				this.readFailed = true;
				throw ex;
			}
			return this.stream;
		}

		@Override
		public void run() {
			synchronized (this) {
				if (this.closed) {
					return;
				}
				this.closed = true;
			}
			try (SnapshotContent content = this.content) {
				if (this.stream != null) {
					this.stream.close();
				}
			}
			catch (IOException ex) {
				logger.log(System.Logger.Level.WARNING, "Failed to release a flight recorder snapshot", ex);
			}
			finally {
				try {
					this.attempt.ended(outcome(), this.bytesRead);
				}
				finally {
					this.onClose.run();
				}
			}
		}

		private SnapshotOutcome outcome() {
			SnapshotOutcome closedAs = this.closedAs;
			if (this.readFailed || closedAs != null) {
				return this.readFailed ? SnapshotOutcome.ERROR : closedAs;
			}
			return (this.bytesRead == this.size) ? SnapshotOutcome.SUCCESS : SnapshotOutcome.CLIENT_ABORTED;
		}

		/**
		 * Counts the bytes read, and tells a failure to read the snapshot from a failure of
		 * whoever consumes it: a read that fails because the consumer closed the stream on
		 * another thread (a cancelled reactive response) is not a failure to read.
		 */
		private final class CountingInputStream extends FilterInputStream {

			private volatile boolean closed;

			CountingInputStream(InputStream in) {
				super(in);
			}

			@Override
			public void close() throws IOException {
				this.closed = true;
				super.close();
			}

			@Override
			public int read() throws IOException {
				byte[] one = new byte[1];
				return (read(one, 0, 1) == -1) ? -1 : (one[0] & 0xff);
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				try {
					int read = this.in.read(buffer, offset, length);
					if (read > 0) {
						State.this.bytesRead += read;
						if (State.this.bytesRead == State.this.size) {
							State.this.run();
							this.in = InputStream.nullInputStream();
						}
					}
					return read;
				}
				catch (IOException | RuntimeException ex) {
					State.this.readFailed = !this.closed;
					throw ex;
				}
			}

		}

	}

}

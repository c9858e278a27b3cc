package io.flightrecorder;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.flightrecorder.internal.DiskSpace;
import org.jspecify.annotations.Nullable;

/**
 * A flight recorder: keeps the most recent JDK Flight Recorder data in a bounded ring on
 * disk and writes snapshots of it on demand, for example when a request was slow. The port
 * of Go's {@code runtime/trace.FlightRecorder} onto JFR.
 * <p>
 * The ring is one JFR recording, made for continuous use, configured by a
 * {@link FlightRecorderConfig}: its {@link FlightRecorderConfig.Builder#size size} and
 * {@link FlightRecorderConfig.Builder#period period} are hints; what a snapshot holds is
 * described on {@link #writeTo(OutputStream)}.
 * <p>
 * Only one snapshot is open at a time: {@link #snapshot()} fails at once with
 * {@link SnapshotActiveException} while another is, and {@link #snapshot(Duration)} waits for
 * it, for a bounded time. All methods are safe to call from any thread.
 */
public final class FlightRecorder {

	private static final System.Logger logger = System.getLogger(FlightRecorder.class.getName());

	private final FlightRecorderConfig config;

	private final Object lifecycleLock = new Object();

	private final Semaphore snapshotPermit = new Semaphore(1);

	private final AtomicReference<@Nullable RingRecording> ring = new AtomicReference<>();

	private final Boosts boosts = new Boosts(Clock.systemUTC(), this::requireRunning, this.ring::get);

	private final SnapshotListeners snapshotListeners = new SnapshotListeners();

	private volatile @Nullable DiskSpace diskSpace;

	private volatile @Nullable String failure;

	/**
	 * Aborts the open snapshot without keeping it reachable, so that its cleaner still runs.
	 */
	private volatile @Nullable Runnable abortOpenSnapshot;

	/**
	 * Creates a recorder, not yet started, with the given configuration.
	 * @param config how it records
	 */
	public FlightRecorder(FlightRecorderConfig config) {
		this.config = Objects.requireNonNull(config, "config");
	}

	/**
	 * Returns how this recorder records.
	 * @return its configuration
	 */
	public FlightRecorderConfig config() {
		return this.config;
	}

	/**
	 * Returns the boosts of this recorder: other settings for a bounded time.
	 * @return its boosts
	 */
	public Boosts boosts() {
		return this.boosts;
	}

	/**
	 * Returns the listeners told of each snapshot request and how it ended, for metrics and
	 * tracing.
	 * @return its snapshot listeners
	 */
	public SnapshotListeners snapshotListeners() {
		return this.snapshotListeners;
	}

	/**
	 * Returns the state of the recorder now, for health checks.
	 * @return the current status
	 */
	public RecorderStatus status() {
		RingRecording running = this.ring.get();
		Boost boost = this.boosts.current();
		DiskSpace current = this.diskSpace;
		return new RecorderStatus(running != null, (running != null) ? running.retainedBytes() : 0,
				(boost != null) ? "boost '" + boost.name() + "' until " + boost.until() : this.config.settings().name(),
				boost, (current != null) ? current.repository() : null, (current != null) ? current.freeSpace() : -1,
				this.failure);
	}

	/**
	 * Begins recording.
	 * @throws IllegalStateException if the recorder is already started, or JFR cannot
	 * record in this JVM
	 * @throws InsufficientSpaceException if the disk under the repository has less free
	 * space than the ring's size plus the space to keep free
	 */
	public void start() {
		synchronized (this.lifecycleLock) {
			if (this.ring.get() != null) {
				throw new IllegalStateException("The flight recorder is already started");
			}
			DiskSpace starting = new DiskSpace(this.config.repository(), this.config.minFreeSpace(),
					InsufficientSpaceException::new);
			this.diskSpace = starting;
			try {
				Leftovers.recover(starting.snapshotDirectory(), this.config.crashHandler());
				starting.moveRepository();
				starting.require(this.config.size(), "a ring of " + this.config.size() + " bytes");
				Map<String, String> settings = Objects.requireNonNullElseGet(this.config.settings().values(),
						RingRecording::defaultSettings);
				this.ring.set(new RingRecording(this.config, settings, starting, this::stopForLackOfSpace));
				UnknownEvents.warn(settings.keySet());
				Leftovers.markRepository();
				this.failure = null;
			}
			catch (RuntimeException ex) {
				this.failure = "Failed to start: " + ex.getMessage();
				throw ex;
			}
		}
	}

	/**
	 * Stops at once, without waiting for a snapshot being written: the disk must not fill.
	 * A snapshot being written goes on from its own copy.
	 */
	private void stopForLackOfSpace(String reason) {
		RingRecording running = this.ring.get();
		if (running != null && this.ring.compareAndSet(running, null)) {
			this.boosts.forget();
			this.failure = "Stopped itself: " + reason;
			logger.log(System.Logger.Level.ERROR, "The flight recorder stopped itself: " + reason);
			running.close();
		}
	}

	/**
	 * Ends recording and discards the ring. Waits until a snapshot being written ends, for
	 * at most the {@link FlightRecorderConfig.Builder#stopTimeout stop timeout}: a snapshot
	 * still open then (a stalled client, or one that was never closed) is aborted, which
	 * releases what it holds and fails its reader, so that stopping never hangs. Does nothing
	 * if the recorder is not recording: never started, stopped already, or stopped by itself
	 * for lack of disk space, which can happen at any moment.
	 */
	public void stop() {
		synchronized (this.lifecycleLock) {
			RingRecording running = this.ring.getAndSet(null);
			if (running == null) {
				return;
			}
			this.boosts.forget();
			awaitSnapshot();
			try {
				running.close();
			}
			finally {
				this.snapshotPermit.release();
			}
		}
	}

	/**
	 * Takes the snapshot permit, waiting at most the stop timeout for the open snapshot, then
	 * aborting it.
	 */
	private void awaitSnapshot() {
		boolean interrupted = false;
		long deadline = System.nanoTime() + this.config.stopTimeout().toNanos();
		while (true) {
			try {
				if (this.snapshotPermit.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
					break;
				}
				Runnable abortOpen = this.abortOpenSnapshot;
				if (abortOpen != null) {
					logger.log(System.Logger.Level.WARNING, "A flight recorder snapshot was still open after "
							+ this.config.stopTimeout().toMillis() + " ms; aborting it to stop the recorder");
					abortOpen.run();
				}
				this.snapshotPermit.acquireUninterruptibly();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Returns whether the recorder is recording: true between a successful {@link #start()}
	 * and the next {@link #stop()}.
	 * @return whether the recorder is started
	 */
	public boolean isEnabled() {
		return this.ring.get() != null;
	}

	/**
	 * Writes a snapshot of the ring to the given stream and returns the number of bytes
	 * written. The snapshot is a complete {@code .jfr} stream, readable with
	 * {@code jdk.jfr.consumer.RecordingFile}, {@code jfr} and JDK Mission Control.
	 * <p>
	 * The snapshot always holds the newest data: the recording's current chunk is ended at
	 * the call, so an event committed before the call is in it. It is trimmed, by whole
	 * chunks, to the size and the period as of the call. The stream is not closed.
	 * @param out where to write
	 * @return the number of bytes written
	 * @throws SnapshotActiveException at once if another snapshot is being written
	 * @throws IllegalStateException if the recorder is not started
	 * @throws IOException if the snapshot cannot be taken or written; the recorder stays
	 * usable
	 */
	public long writeTo(OutputStream out) throws IOException {
		try (Snapshot snapshot = snapshot()) {
			return snapshot.writeTo(out);
		}
	}

	/**
	 * Takes a snapshot into a new file, for callers that read it for longer than another
	 * snapshot should wait (an analysis): the snapshot is released before this returns. The
	 * file is in the directory of snapshot files, readable by its owner only. The caller owns
	 * it and deletes it; if this JVM dies first, the next recorder that starts on that
	 * directory deletes it.
	 * @return the file
	 * @throws SnapshotActiveException at once if another snapshot is open
	 * @throws InsufficientSpaceException if the file would leave less than the minimum free
	 * space; nothing is written
	 * @throws IllegalStateException if the recorder is not started
	 * @throws SnapshotRedactionException if the snapshot would hold redacted events that this
	 * JDK cannot remove
	 * @throws IOException if the snapshot cannot be taken or written; nothing is left behind
	 */
	public Path snapshotFile() throws IOException {
		try (Snapshot snapshot = snapshot()) {
			return snapshot.writeToNewFile(Objects.requireNonNull(this.diskSpace)::newSnapshotFile);
		}
	}

	/**
	 * Takes a snapshot to be read later, for callers that need its size before its bytes
	 * (an HTTP response with a {@code Content-Length}) or that finish on another thread.
	 * Holds the same data as {@link #writeTo(OutputStream)}. No other snapshot can be taken
	 * until the returned one is {@link Snapshot#close() closed}.
	 * @return the open snapshot
	 * @throws SnapshotActiveException at once if another snapshot is open
	 * @throws IllegalStateException if the recorder is not started
	 * @throws SnapshotRedactionException if the snapshot would hold redacted events that this
	 * JDK cannot remove
	 * @throws IOException if the snapshot cannot be taken; the recorder stays usable
	 */
	public Snapshot snapshot() throws IOException {
		return snapshot(Duration.ZERO);
	}

	/**
	 * Takes a snapshot as {@link #snapshot()} does, but waits for the snapshot that is open,
	 * if any, to be closed, for at most {@code wait}: for a caller that has time (a dump a
	 * trigger asked for) rather than one that should hear at once that it must try again (an
	 * HTTP client). The snapshot holds the data as of when it is taken, after the wait. A
	 * request that waited is told to the listeners once, with how it ended.
	 * @param wait how long to wait at most; zero not to wait
	 * @return the open snapshot
	 * @throws SnapshotActiveException if another snapshot was still open after {@code wait}
	 * @throws IllegalStateException if the recorder is not started, or stopped while this
	 * waited
	 * @throws SnapshotRedactionException if the snapshot would hold redacted events that this
	 * JDK cannot remove
	 * @throws InterruptedIOException if the thread was interrupted while it waited; its
	 * interrupt status is set again
	 * @throws IOException if the snapshot cannot be taken; the recorder stays usable
	 */
	public Snapshot snapshot(Duration wait) throws IOException {
		requireRunning();
		SnapshotListener.Attempt attempt = this.snapshotListeners.started();
		try {
			if (!this.snapshotPermit.tryAcquire(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS)) {
				attempt.ended(SnapshotOutcome.REJECTED, 0);
				throw new SnapshotActiveException();
			}
		}
		catch (InterruptedException ex) {
			attempt.ended(SnapshotOutcome.REJECTED, 0);
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while waiting for the open flight recorder snapshot");
		}
		try {
			Snapshot snapshot = new Snapshot(requireRunning().snapshot(), attempt, () -> {
				this.abortOpenSnapshot = null;
				this.snapshotPermit.release();
			});
			this.abortOpenSnapshot = snapshot.aborter();
			return snapshot;
		}
		catch (IOException | RuntimeException | Error ex) {
			attempt.ended(SnapshotOutcome.ERROR, 0);
			this.snapshotPermit.release();
			throw ex;
		}
	}

	private RingRecording requireRunning() {
		RingRecording running = this.ring.get();
		if (running == null) {
			String reason = this.failure;
			throw new IllegalStateException(
					"The flight recorder is not started" + ((reason != null) ? ". " + reason : ""));
		}
		return running;
	}

}

package io.flightrecorder.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.internal.BackgroundWork;
import io.flightrecorder.internal.Listeners;
import org.jspecify.annotations.Nullable;

/**
 * Uploads every saved dump to a {@link DumpStorage}, in the background: whatever saved it (a
 * trigger, code, the exit or the crash dump), and those that an earlier run of the
 * application left not uploaded.
 * <p>
 * Guarantees: a dump stays on local disk until the storage has confirmed its whole copy; it
 * is then {@linkplain SavedDumps#markUploaded marked} as uploaded and not uploaded again. A
 * failed upload is tried again after a back-off that doubles from the retry interval up to
 * the maximum, and at once when another dump is saved; meanwhile the application goes on and
 * the dumps wait on disk, newest uploaded first. Uploads run on one daemon thread, never on
 * the thread that saved the dump.
 * <p>
 * Non-guarantees: the local retention limits still apply, so a dump that waits longer than
 * its retention is deleted without having been uploaded; that bounds the backlog. A dump
 * whose upload succeeded just before the process died is uploaded again at the next start,
 * to the same place, which then holds it once.
 */
public final class DumpUploads implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(DumpUploads.class.getName());

	private final SavedDumps dumps;

	private final DumpStorage storage;

	private final Duration retryInterval;

	private final Duration maxRetryInterval;

	private final List<UploadListener> listeners = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService scheduler = BackgroundWork.newScheduler("uploads");

	private final Object lock = new Object();

	/**
	 * The round of uploads scheduled and not yet begun, if any; guarded by the lock.
	 */
	private @Nullable ScheduledFuture<?> next;

	private boolean started;

	private boolean closed;

	/**
	 * Failed attempts since the last upload that succeeded; on the uploading thread only.
	 */
	private int failures;

	/**
	 * The kind of the last failed attempt's failure; on the uploading thread only.
	 */
	private @Nullable String lastFailureKind;

	private volatile Status status;

	/**
	 * Creates the uploads of saved dumps to a storage; none start before {@link #start()}.
	 * @param dumps the saved dumps
	 * @param storage where they go
	 * @param retryInterval the wait before the first retry of a failed upload, positive
	 * @param maxRetryInterval the longest wait between retries, at least the retry interval
	 */
	public DumpUploads(SavedDumps dumps, DumpStorage storage, Duration retryInterval, Duration maxRetryInterval) {
		if (retryInterval.isNegative() || retryInterval.isZero() || maxRetryInterval.compareTo(retryInterval) < 0) {
			throw new IllegalArgumentException("The retry interval (" + retryInterval
					+ ") must be positive and at most the maximum retry interval (" + maxRetryInterval + ")");
		}
		this.dumps = dumps;
		this.storage = storage;
		this.retryInterval = retryInterval;
		this.maxRetryInterval = maxRetryInterval;
		this.status = new Status(storage.location(), null, null, null);
	}

	/**
	 * Adds a listener, told of what the uploads do from now on.
	 * @param listener the listener
	 */
	public void addListener(UploadListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Starts uploading: the dumps not yet uploaded at once, then each dump as it is saved.
	 * Calling it again does nothing.
	 */
	public void start() {
		synchronized (this.lock) {
			if (this.started || this.closed) {
				return;
			}
			this.started = true;
		}
		this.dumps.addListener((dump) -> wake());
		wake();
	}

	/**
	 * Returns how the uploads are doing.
	 * @return the status
	 */
	public Status status() {
		return this.status;
	}

	/**
	 * Returns how many saved dumps wait to be uploaded.
	 * @return the count
	 * @throws IOException if the dumps cannot be listed
	 */
	public int pending() throws IOException {
		return waiting().size();
	}

	/**
	 * Stops uploading, as {@link #close(Duration)} with 10 seconds.
	 */
	@Override
	public void close() {
		close(Duration.ofSeconds(10));
	}

	/**
	 * Stops uploading after one last round, so that a dump saved as the application shuts
	 * down (the exit dump) is uploaded too. The round is given the timeout; an upload still
	 * running then is interrupted, and the dumps not uploaded are uploaded at the next start.
	 * @param timeout how long the last round may take
	 */
	public void close(Duration timeout) {
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			if (this.next != null) {
				this.next.cancel(false);
				this.next = null;
			}
			if (this.started) {
				this.scheduler.execute(BackgroundWork.logFailures("Uploading saved dumps", this::uploadWaiting));
			}
		}
		this.scheduler.shutdown();
		try {
			if (!this.scheduler.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.scheduler.shutdownNow();
				logger.log(System.Logger.Level.WARNING, "Stopped uploading saved dumps to " + this.storage.location()
						+ " after " + timeout + "; the next start uploads what is left");
			}
		}
		catch (InterruptedException ex) {
			this.scheduler.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Schedules a round of uploads now, unless one is scheduled already.
	 */
	private void wake() {
		schedule(Duration.ZERO);
	}

	private void schedule(Duration delay) {
		synchronized (this.lock) {
			if (!this.closed && this.next == null) {
				this.next = this.scheduler.schedule(BackgroundWork.logFailures("Uploading saved dumps", this::round),
						delay.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
	}

	private void round() {
		synchronized (this.lock) {
			this.next = null;
		}
		if (!uploadWaiting()) {
			schedule(backOff());
		}
	}

	/**
	 * Uploads the dumps that wait, newest first, until one fails.
	 * @return whether none failed
	 */
	private boolean uploadWaiting() {
		List<SavedDump> waiting;
		try {
			waiting = waiting();
		}
		catch (IOException ex) {
			failed(null, ex, 0);
			return false;
		}
		tellPending(waiting.size());
		for (int i = 0; i < waiting.size(); i++) {
			SavedDump dump = waiting.get(i);
			Optional<Path> file = this.dumps.file(dump.name());
			if (file.isPresent() && !upload(dump, file.get(), waiting.size() - i)) {
				return false;
			}
		}
		if (this.failures > 0) {
			logger.log(System.Logger.Level.INFO, "Uploads to " + this.storage.location() + " work again after "
					+ this.failures + " failed attempts");
			this.failures = 0;
		}
		try {
			tellPending(pending());
		}
		catch (IOException ex) {
			logger.log(System.Logger.Level.DEBUG, "Could not count the dumps waiting", ex);
		}
		return true;
	}

	private boolean upload(SavedDump dump, Path file, int waiting) {
		long start = System.nanoTime();
		try {
			String location = this.storage.upload(dump, file, traceIndex(dump));
			this.status = new Status(this.storage.location(), Instant.now(), null, null);
			this.dumps.markUploaded(dump.name(), location);
			Duration time = Duration.ofNanos(System.nanoTime() - start);
			logger.log(System.Logger.Level.INFO, "Uploaded " + dump.name() + " to " + location + " in "
					+ time.toMillis() + " ms");
			Listeners.tellEach(this.listeners, (listener) -> listener.uploaded(dump, time));
			return true;
		}
		catch (IOException | RuntimeException ex) {
			if (this.dumps.file(dump.name()).isEmpty()) {
				return true;
			}
			failed(dump, ex, waiting);
			return false;
		}
	}

	/**
	 * Returns the index of a dump's trace IDs, or null if it cannot be indexed: the dump is
	 * uploaded all the same, and a lookup indexes its copy.
	 */
	private @Nullable Path traceIndex(SavedDump dump) {
		try {
			return this.dumps.traceIndex(dump.name()).orElse(null);
		}
		catch (IOException | RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "Uploading " + dump.name() + " without an index of its trace IDs: "
					+ ex);
			return null;
		}
	}

	/**
	 * Records a failed attempt: logged at WARN when it is the first, or fails in another way
	 * than the one before ({@link DumpStorage#failureKind}), else at DEBUG, so that a long
	 * outage does not flood the log.
	 */
	private void failed(@Nullable SavedDump dump, Exception failure, int waiting) {
		this.failures++;
		Status before = this.status;
		String message = describe(failure);
		String kind = this.storage.failureKind(failure);
		this.status = new Status(this.storage.location(), before.lastUpload(), message,
				(before.failingSince() != null) ? before.failingSince() : Instant.now());
		System.Logger.Level level = (this.failures == 1 || !kind.equals(this.lastFailureKind))
				? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
		this.lastFailureKind = kind;
		logger.log(level, "Could not upload " + ((dump != null) ? dump.name() : "the saved dumps") + " to "
				+ this.storage.location() + ": " + message + "; " + waiting + " dumps wait, the next attempt in "
				+ backOff().toSeconds() + " s or when a dump is saved");
		if (dump != null) {
			Listeners.tellEach(this.listeners, (listener) -> listener.failed(dump, failure));
		}
		tellPending(waiting);
	}

	private static String describe(Exception failure) {
		String message = failure.getMessage();
		return failure.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	/**
	 * Returns the wait before the next attempt: the retry interval, doubled for each failed
	 * attempt after the first, at most the maximum.
	 */
	private Duration backOff() {
		int doublings = Math.min(Math.max(this.failures - 1, 0), 30);
		Duration delay = this.retryInterval.multipliedBy(1L << doublings);
		return (delay.compareTo(this.maxRetryInterval) > 0) ? this.maxRetryInterval : delay;
	}

	private List<SavedDump> waiting() throws IOException {
		return this.dumps.list().stream().filter((dump) -> dump.uploaded() == null).toList();
	}

	private void tellPending(int pending) {
		Listeners.tellEach(this.listeners, (listener) -> listener.pending(pending));
	}

	/**
	 * How the uploads are doing.
	 *
	 * @param location where this instance's dumps go
	 * @param lastUpload when the last upload succeeded, or {@code null} if none has since
	 * the start
	 * @param lastFailure why the last attempt failed, or {@code null} if it succeeded
	 * @param failingSince when the attempts began to fail, or {@code null} if the last one
	 * succeeded
	 */
	public record Status(String location, @Nullable Instant lastUpload, @Nullable String lastFailure,
			@Nullable Instant failingSince) {

		/**
		 * Returns whether the last attempt failed.
		 * @return whether uploads fail
		 */
		public boolean failing() {
			return this.lastFailure != null;
		}

	}

}

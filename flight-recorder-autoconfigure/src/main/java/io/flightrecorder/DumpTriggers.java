package io.flightrecorder;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Writes a snapshot of a {@link FlightRecorder} to {@link SavedDumps} when something went
 * wrong: the moment a detector fires, the recording already holds the seconds before it.
 * <p>
 * A firing returns at once; the dump is written on one background thread, after the
 * configured delay (none by default, so the dump holds what led up to the firing and ends
 * just after it). Two rate limits keep a storm of firings to one dump: a cooldown per trigger
 * (a trigger that fired is skipped until its cooldown has passed) and a global cooldown
 * (after any firing, every trigger is skipped until it has passed). A firing that was let
 * through counts against both limits even if its dump then fails. While another snapshot is
 * being written (an HTTP download), a dump waits for it for up to 5 seconds, then fails.
 * <p>
 * Dumps are written one at a time, in the order they fired.
 */
public final class DumpTriggers implements AutoCloseable {

	/**
	 * The cooldown of a trigger by default: 1 minute.
	 */
	public static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(1);

	/**
	 * The cooldown between any two dumps by default: 10 seconds.
	 */
	public static final Duration DEFAULT_GLOBAL_COOLDOWN = Duration.ofSeconds(10);

	private static final System.Logger logger = System.getLogger(DumpTriggers.class.getName());

	private static final long SNAPSHOT_ACTIVE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

	private static final long SNAPSHOT_ACTIVE_POLL_MILLIS = 50;

	private final FlightRecorder recorder;

	private final SavedDumps dumps;

	private final long globalCooldownNanos;

	private final long delayNanos;

	private final ScheduledExecutorService writer;

	private final Map<String, Long> lastFirings = new HashMap<>();

	private @Nullable Long lastFiring;

	private volatile DumpListener listener = DumpListener.NONE;

	/**
	 * Creates the triggers of a recorder.
	 * @param recorder the recorder to snapshot
	 * @param dumps where dumps are written
	 * @param globalCooldown the least time between two dumps, whatever fired them
	 * @param delay how long to wait after a firing before the snapshot; zero to take it at once
	 */
	public DumpTriggers(FlightRecorder recorder, SavedDumps dumps, Duration globalCooldown, Duration delay) {
		if (globalCooldown.isNegative() || delay.isNegative()) {
			throw new IllegalArgumentException(
					"The global cooldown (" + globalCooldown + ") and the delay (" + delay + ") must not be negative");
		}
		this.recorder = recorder;
		this.dumps = dumps;
		this.globalCooldownNanos = globalCooldown.toNanos();
		this.delayNanos = delay.toNanos();
		this.writer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "flight-recorder-dumps");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Sets what is told of firings and dumps, replacing the previous listener.
	 * @param listener the listener
	 */
	public void setListener(DumpListener listener) {
		this.listener = listener;
	}

	/**
	 * Returns the dumps written by these triggers.
	 * @return the dumps
	 */
	public SavedDumps dumps() {
		return this.dumps;
	}

	/**
	 * Returns a trigger with its own cooldown.
	 * @param name its name, which dump names end with
	 * @param cooldown the least time between two of its dumps
	 * @return the trigger
	 */
	public Trigger trigger(String name, Duration cooldown) {
		return new Trigger(name, cooldown);
	}

	/**
	 * Fires a trigger with the {@linkplain #DEFAULT_COOLDOWN default cooldown}: a shortcut
	 * for {@code trigger(name, DEFAULT_COOLDOWN).fire(reason)}, for an application's own
	 * detectors.
	 * @param trigger the trigger's name, which the dump's name ends with
	 * @param reason why, in a few words, kept with the dump
	 * @return the dump once written; completed with a {@link DumpSkippedException} at once
	 * when a rate limit held it back, or with the failure when it could not be written
	 */
	public CompletableFuture<SavedDump> fire(String trigger, String reason) {
		return trigger(trigger, DEFAULT_COOLDOWN).fire(reason);
	}

	/**
	 * Writes the last dump of an application that is shutting down, on the calling thread,
	 * without rate limits, with the trigger {@code exit}. When the JVM itself is exiting,
	 * writes nothing: JFR's shutdown hook may already be deleting the recording's chunks, so
	 * the exit dump is then JFR's own, written when the recording stops (see
	 * {@link FlightRecorder#setExitDump} and {@link SavedDumps#adoptExitDump}).
	 * @return the dump; empty when the JVM is exiting
	 * @throws IOException if it cannot be written
	 */
	public Optional<SavedDump> exitDump() throws IOException {
		if (JvmShutdown.inProgress()) {
			logger.log(System.Logger.Level.INFO, "The JVM is exiting: JFR writes the exit dump");
			return Optional.empty();
		}
		this.listener.fired("exit");
		return Optional.of(writeAndReport("exit", "the application is shutting down"));
	}

	/**
	 * Stops writing dumps: firings from now on fail, and a dump being written is given up to
	 * 10 seconds to finish.
	 */
	@Override
	public void close() {
		this.writer.shutdownNow();
		try {
			this.writer.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private CompletableFuture<SavedDump> fire(String trigger, long cooldownNanos, String reason) {
		this.listener.fired(trigger);
		DumpSkippedException.Limit limit = admit(trigger, cooldownNanos);
		if (limit != null) {
			this.listener.skipped(trigger, limit);
			return CompletableFuture.failedFuture(new DumpSkippedException(trigger, limit));
		}
		CompletableFuture<SavedDump> result = new CompletableFuture<>();
		try {
			this.writer.schedule(() -> complete(result, trigger, reason), this.delayNanos, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			IllegalStateException closed = new IllegalStateException("The dump triggers are closed", ex);
			this.listener.failed(trigger, closed);
			result.completeExceptionally(closed);
		}
		return result;
	}

	private synchronized DumpSkippedException.@Nullable Limit admit(String trigger, long cooldownNanos) {
		long now = System.nanoTime();
		Long last = this.lastFirings.get(trigger);
		if (last != null && now - last < cooldownNanos) {
			return DumpSkippedException.Limit.COOLDOWN;
		}
		if (this.lastFiring != null && now - this.lastFiring < this.globalCooldownNanos) {
			return DumpSkippedException.Limit.GLOBAL_COOLDOWN;
		}
		this.lastFirings.put(trigger, now);
		this.lastFiring = now;
		return null;
	}

	private void complete(CompletableFuture<SavedDump> result, String trigger, String reason) {
		try {
			result.complete(writeAndReport(trigger, reason));
		}
		catch (IOException | RuntimeException ex) {
			result.completeExceptionally(ex);
		}
	}

	private SavedDump writeAndReport(String trigger, String reason) throws IOException {
		try {
			SavedDump dump = write(trigger, reason);
			logger.log(System.Logger.Level.INFO, "Flight recorder dump written: " + this.dumps.directory()
				.resolve(dump.name()) + " (" + dump.size() + " bytes; " + trigger + ": " + reason + ")");
			this.listener.written(dump);
			return dump;
		}
		catch (IOException | RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING,
					"Flight recorder dump for '" + trigger + "' (" + reason + ") failed: " + ex.getMessage());
			this.listener.failed(trigger, ex);
			throw ex;
		}
	}

	private SavedDump write(String trigger, String reason) throws IOException {
		long deadline = System.nanoTime() + SNAPSHOT_ACTIVE_WAIT_NANOS;
		while (true) {
			try {
				return this.dumps.save(this.recorder, trigger, reason);
			}
			catch (SnapshotActiveException ex) {
				if (System.nanoTime() - deadline > 0) {
					throw ex;
				}
				try {
					Thread.sleep(SNAPSHOT_ACTIVE_POLL_MILLIS);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	/**
	 * A named trigger with its own cooldown.
	 */
	public final class Trigger {

		private final String name;

		private final long cooldownNanos;

		private Trigger(String name, Duration cooldown) {
			if (name.isBlank() || cooldown.isNegative()) {
				throw new IllegalArgumentException("A trigger needs a name ('" + name
						+ "') and a cooldown that is not negative (" + cooldown + ")");
			}
			this.name = name;
			this.cooldownNanos = cooldown.toNanos();
		}

		/**
		 * Returns the trigger's name.
		 * @return the name
		 */
		public String name() {
			return this.name;
		}

		/**
		 * Fires: writes a dump unless a rate limit holds it back.
		 * @param reason why, in a few words, kept with the dump
		 * @return the dump once written; completed with a {@link DumpSkippedException} at
		 * once when a rate limit held it back, or with the failure when it could not be
		 * written
		 */
		public CompletableFuture<SavedDump> fire(String reason) {
			return DumpTriggers.this.fire(this.name, this.cooldownNanos, reason);
		}

	}

}

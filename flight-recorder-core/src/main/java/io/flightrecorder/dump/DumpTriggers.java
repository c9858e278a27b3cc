package io.flightrecorder.dump;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.internal.BackgroundWork;
import io.flightrecorder.internal.JvmShutdown;
import org.jspecify.annotations.Nullable;

/**
 * Writes a snapshot of a {@link FlightRecorder} to {@link SavedDumps} when something went
 * wrong: the moment a detector fires, the recording already holds the seconds before it.
 * <p>
 * A firing returns at once; the dump is written on one background thread, after the
 * configured delay (none by default, so the dump holds what led up to the firing and ends
 * just after it). Two rate limits keep a storm of firings to one dump: a cooldown per trigger
 * and key (a trigger that fired for a key, such as a request URI, is skipped for that key
 * until its cooldown has passed) and a global cooldown (after any firing, every trigger is
 * skipped until it has passed). A firing that was let
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

	private static final long CLOSE_TIMEOUT_SECONDS = 10;

	private static final int MAX_COOLING_KEYS = 1024;

	private final FlightRecorder recorder;

	private final SavedDumps dumps;

	private final long globalCooldownNanos;

	private final long delayNanos;

	private final ScheduledExecutorService writer;

	private final Map<String, Long> coolingUntil = new HashMap<>();

	private final Map<CompletableFuture<SavedDump>, String> pending = new ConcurrentHashMap<>();

	private @Nullable Long lastFiring;

	private final DumpListeners listeners = new DumpListeners();

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
		this.writer = BackgroundWork.newScheduler("dumps");
	}

	/**
	 * Adds what is told of firings and dumps, after the listeners added before it: metrics,
	 * logs, an application's own alerting.
	 * @param listener the listener
	 */
	public void addListener(DumpListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener"));
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
	 * {@link io.flightrecorder.FlightRecorderConfig.Builder#exitDump} and {@link SavedDumps#adoptExitDump}).
	 * @return the dump; empty when the JVM is exiting
	 * @throws IOException if it cannot be written
	 */
	public Optional<SavedDump> exitDump() throws IOException {
		if (JvmShutdown.inProgress()) {
			logger.log(System.Logger.Level.INFO, "The JVM is exiting: JFR writes the exit dump");
			return Optional.empty();
		}
		this.listeners.fired("exit");
		return Optional.of(writeAndReport("exit", "the application is shutting down"));
	}

	/**
	 * Stops writing dumps: firings from now on fail. The dumps already let through and due
	 * are written, one after the other, for up to 10 seconds in all; a dump still being
	 * written then is interrupted. Every dump not written by then, those still waiting for
	 * their delay included, fails: its future completes exceptionally and the listener is
	 * told. No future is left incomplete.
	 */
	@Override
	public void close() {
		this.writer.shutdown();
		try {
			if (!this.writer.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				this.writer.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			this.writer.shutdownNow();
			Thread.currentThread().interrupt();
		}
		this.pending.forEach((result, trigger) -> fail(result, trigger,
				new IllegalStateException("The dump triggers closed before the dump was written")));
	}

	private CompletableFuture<SavedDump> fire(String trigger, String key, long cooldownNanos, String reason) {
		this.listeners.fired(trigger);
		DumpSkippedException.Limit limit = admit(trigger, key, cooldownNanos);
		if (limit != null) {
			this.listeners.skipped(trigger, limit);
			return CompletableFuture.failedFuture(new DumpSkippedException(trigger, limit));
		}
		CompletableFuture<SavedDump> result = new CompletableFuture<>();
		this.pending.put(result, trigger);
		try {
			this.writer.schedule(() -> complete(result, trigger, reason), this.delayNanos, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			fail(result, trigger, new IllegalStateException("The dump triggers are closed", ex));
		}
		return result;
	}

	private synchronized DumpSkippedException.@Nullable Limit admit(String trigger, String key, long cooldownNanos) {
		long now = System.nanoTime();
		String cooling = trigger + '\u0000' + key;
		Long until = this.coolingUntil.get(cooling);
		if (until != null && now - until < 0) {
			return DumpSkippedException.Limit.COOLDOWN;
		}
		if (this.lastFiring != null && now - this.lastFiring < this.globalCooldownNanos) {
			return DumpSkippedException.Limit.GLOBAL_COOLDOWN;
		}
		if (this.coolingUntil.size() >= MAX_COOLING_KEYS) {
			this.coolingUntil.values().removeIf((end) -> now - end >= 0);
		}
		this.coolingUntil.put(cooling, now + cooldownNanos);
		this.lastFiring = now;
		return null;
	}

	/**
	 * Writes a dump, completes its future, then indexes its trace IDs, so that a lookup or an
	 * upload finds the index ready and the dump's future does not wait for it.
	 */
	private void complete(CompletableFuture<SavedDump> result, String trigger, String reason) {
		SavedDump dump;
		try {
			dump = writeAndReport(trigger, reason);
			result.complete(dump);
		}
		catch (IOException | RuntimeException ex) {
			result.completeExceptionally(ex);
			return;
		}
		finally {
			this.pending.remove(result);
		}
		try {
			this.dumps.traceIndex(dump.name());
		}
		catch (IOException | RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "Could not index the trace IDs of the dump " + dump.name()
					+ "; a lookup by trace ID tries again: " + ex);
		}
	}

	/**
	 * Fails a dump that was let through but will not be written, unless it is done.
	 */
	private void fail(CompletableFuture<SavedDump> result, String trigger, Exception failure) {
		if (this.pending.remove(result) != null && result.completeExceptionally(failure)) {
			logger.log(System.Logger.Level.WARNING,
					"Flight recorder dump for '" + trigger + "' not written: " + failure.getMessage());
			this.listeners.failed(trigger, failure);
		}
	}

	private SavedDump writeAndReport(String trigger, String reason) throws IOException {
		try {
			SavedDump dump = this.dumps.save(this.recorder, trigger, reason);
			logger.log(System.Logger.Level.INFO, "Flight recorder dump written: " + this.dumps.directory()
				.resolve(dump.name()) + " (" + dump.size() + " bytes; " + trigger + ": " + reason + ")");
			this.listeners.written(dump);
			return dump;
		}
		catch (IOException | RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING,
					"Flight recorder dump for '" + trigger + "' (" + reason + ") failed: " + ex.getMessage());
			this.listeners.failed(trigger, ex);
			throw ex;
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
			return fire("", reason);
		}

		/**
		 * Fires for one source of trouble, such as one request URI: the trigger's cooldown
		 * applies per key, so that a noisy source (a slow health check) cannot hold back a
		 * dump for another for the whole cooldown; the global cooldown still caps a storm
		 * across all keys and triggers. Keys should be few (URI templates, not raw paths):
		 * they are kept for as long as their cooldown runs.
		 * @param key what fired, such as {@code GET /orders/{id}}
		 * @param reason why, in a few words, kept with the dump
		 * @return the dump once written; completed with a {@link DumpSkippedException} at
		 * once when a rate limit held it back, or with the failure when it could not be
		 * written
		 */
		public CompletableFuture<SavedDump> fire(String key, String reason) {
			return DumpTriggers.this.fire(this.name, key, this.cooldownNanos, reason);
		}

	}

}

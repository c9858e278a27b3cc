package io.flightrecorder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.flightrecorder.internal.Storage;
import org.jspecify.annotations.Nullable;

/**
 * A flight recorder: keeps the most recent JDK Flight Recorder data in a bounded ring on
 * disk and writes snapshots of it on demand, for example when a request was slow. The port
 * of Go's {@code runtime/trace.FlightRecorder} onto JFR.
 * <p>
 * The ring is one JFR recording with JFR's {@code default} settings, made for continuous use.
 * {@link #setSize(long) size} and {@link #setPeriod(Duration) period} are hints; what a
 * snapshot holds is described on {@link #writeTo(OutputStream)}.
 * <p>
 * Only one snapshot runs at a time: a snapshot requested while another is being written
 * fails at once with {@link SnapshotActiveException}. All methods are safe to call from
 * any thread.
 */
public final class FlightRecorder {

	/**
	 * The default {@link #setSize(long) size}: 10 MiB.
	 */
	public static final long DEFAULT_SIZE = 10L * 1024 * 1024;

	/**
	 * The default {@link #setPeriod(Duration) period}: 10 seconds.
	 */
	public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);

	/**
	 * The events removed from snapshots by default, because their values can hold secrets:
	 * environment variables, system and security properties, JVM and program arguments, and
	 * the command lines of processes.
	 */
	public static final Set<String> DEFAULT_REDACTED_EVENTS = Set.of("jdk.InitialEnvironmentVariable",
			"jdk.InitialSystemProperty", "jdk.InitialSecurityProperty", "jdk.SecurityPropertyModification",
			"jdk.JVMInformation", "jdk.SystemProcess", "jdk.ProcessStart");

	/**
	 * The default {@link #setMinFreeSpace(long) free space to keep}: 64 MiB.
	 */
	public static final long DEFAULT_MIN_FREE_SPACE = 64L * 1024 * 1024;

	/**
	 * The name of JFR's configuration the ring records with unless told otherwise
	 * ({@link #setSettings}).
	 */
	public static final String DEFAULT_SETTINGS = "default";

	private static final System.Logger logger = System.getLogger(FlightRecorder.class.getName());

	private final Object lifecycleLock = new Object();

	private final Semaphore snapshotPermit = new Semaphore(1);

	private long size = DEFAULT_SIZE;

	private Duration period = DEFAULT_PERIOD;

	private Set<String> redactedEvents = DEFAULT_REDACTED_EVENTS;

	private volatile String settingsName = DEFAULT_SETTINGS;

	private @Nullable Map<String, String> settings;

	private final Boosts boosts = new Boosts(Clock.systemUTC());

	private @Nullable Path repository;

	private long minFreeSpace = DEFAULT_MIN_FREE_SPACE;

	private @Nullable Path exitDump;

	private CrashedRecording.Handler crashHandler = CrashedRecording.Handler.NONE;

	private final AtomicReference<@Nullable RingRecording> ring = new AtomicReference<>();

	private volatile @Nullable Storage storage;

	private volatile @Nullable String failure;

	private final SnapshotListeners snapshotListeners = new SnapshotListeners();

	/**
	 * Aborts the open snapshot without keeping it reachable, so that its cleaner still runs.
	 */
	private volatile @Nullable Runnable abortOpenSnapshot;

	private Duration stopTimeout = Duration.ofSeconds(10);

	/**
	 * Sets the approximate size of the ring. It takes precedence over the period: when the
	 * data of a whole period does not fit, the ring keeps the newest data that does.
	 * <p>
	 * This is a hint, not a guarantee: JFR keeps whole chunks, so a snapshot holds at least
	 * the newest chunk even when that alone is larger. The recorder ends a chunk once it
	 * holds half the size, or once it should by how fast the chunks before it grew (JDKs
	 * after 17 write their buffers to disk only once a second): a snapshot then stays within
	 * a quarter above the size from 1 MiB up at steady loads up to 4 MB/s, as measured; a
	 * load that jumps can exceed it until the next chunk end. It applies at the next
	 * {@link #start()}, not to a running recorder.
	 * @param bytes the size in bytes, positive
	 * @throws IllegalArgumentException if {@code bytes} is not positive
	 */
	public void setSize(long bytes) {
		if (bytes <= 0) {
			throw new IllegalArgumentException("Size must be positive, but was " + bytes + " bytes");
		}
		synchronized (this.lifecycleLock) {
			this.size = bytes;
		}
	}

	/**
	 * Sets the approximate span of time the ring covers.
	 * <p>
	 * This is a hint, not a guarantee: once the ring has filled, a snapshot reaches back at
	 * least this far, and at most this plus {@code max(2 s, period / 4)}, unless the size
	 * bound cuts it shorter. It applies at the next {@link #start()}, not to a running
	 * recorder.
	 * @param period the span, positive
	 * @throws IllegalArgumentException if {@code period} is zero or negative
	 */
	public void setPeriod(Duration period) {
		Objects.requireNonNull(period, "period");
		if (period.isZero() || period.isNegative()) {
			throw new IllegalArgumentException("Period must be positive, but was " + period);
		}
		synchronized (this.lifecycleLock) {
			this.period = period;
		}
	}

	/**
	 * Sets the JFR events that no snapshot holds, by name ({@code jdk.InitialSystemProperty},
	 * say); empty to redact nothing. Defaults to {@link #DEFAULT_REDACTED_EVENTS}.
	 * <p>
	 * The recorder never records them, and removes them from a snapshot when another
	 * recording in the JVM did. On JDK 17 and 18, which cannot rewrite a recording, such a
	 * snapshot is refused with {@link SnapshotRedactionException} instead. Applies at the next
	 * {@link #start()}.
	 * @param eventNames the names of the events to redact
	 */
	public void setRedactedEvents(Collection<String> eventNames) {
		Set<String> events = Set.copyOf(eventNames);
		if (events.stream().anyMatch(String::isBlank)) {
			throw new IllegalArgumentException("Event names must not be blank, but were " + eventNames);
		}
		synchronized (this.lifecycleLock) {
			this.redactedEvents = events;
		}
	}

	/**
	 * Sets the JFR settings the ring records with, as JFR's {@code Configuration} gives them
	 * ({@code jdk.JavaMonitorEnter#threshold} to {@code 20 ms}, say). Defaults to JFR's
	 * {@code default} configuration. The redacted events are disabled whatever these say.
	 * Applies at the next {@link #start()}; {@link #boost} changes a running recorder's.
	 * <p>
	 * An event these settings name that this JVM does not know is not an error, as an
	 * application or library may register it later, and its settings apply then: the start
	 * logs one warning for each, with the closest known name.
	 * @param name what the settings are called, for {@link #settingsInForce()}, such as
	 * {@code profile + 2 overrides}
	 * @param settings the settings
	 */
	public void setSettings(String name, Map<String, String> settings) {
		Objects.requireNonNull(name, "name");
		Map<String, String> copy = Map.copyOf(settings);
		synchronized (this.lifecycleLock) {
			this.settingsName = name;
			this.settings = copy;
		}
	}

	/**
	 * Records with other settings for a bounded time, then goes back to its own (those of
	 * {@link #setSettings}) by itself: more detail during an incident, without a restart.
	 * The redacted events stay disabled. One boost at a time; {@link #stop()} ends it, and a
	 * restart records with the recorder's own settings.
	 * <p>
	 * The time is kept by a timer: the settings go back within milliseconds of
	 * {@code duration}, not at the exact instant. Data recorded during the boost stays in the
	 * ring until it ages out, and the recording's {@code jdk.ActiveSetting} events say which
	 * settings were in force when.
	 * @param name what the settings are called, such as {@code profile}
	 * @param settings the settings to record with
	 * @param duration how long, positive
	 * @return the boost
	 * @throws BoostActiveException at once if a boost is in force
	 * @throws IllegalStateException if the recorder is not started
	 * @throws IllegalArgumentException if {@code duration} is not positive
	 */
	public Boost boost(String name, Map<String, String> settings, Duration duration) {
		if (duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException("A boost's duration must be positive, but was " + duration);
		}
		RingRecording running = requireRunning();
		return this.boosts.start(running, name, settings, duration, () -> revert(running));
	}

	/**
	 * Ends the boost in force now and records with the recorder's own settings again.
	 * @return whether a boost was in force
	 */
	public boolean endBoost() {
		RingRecording running = this.ring.get();
		return (running != null) ? this.boosts.end(() -> revert(running)) : false;
	}

	/**
	 * Returns the boost in force.
	 * @return the boost, or {@code null} if none is
	 */
	public @Nullable Boost boostInForce() {
		return this.boosts.current();
	}

	/**
	 * Describes the settings the ring records with now: the name given to
	 * {@link #setSettings} (JFR's {@code default} unless set), or the boost in force.
	 * @return such as {@code default} or {@code boost 'profile' until 2026-12-03T10:15:30Z}
	 */
	public String settingsInForce() {
		Boost boost = this.boosts.current();
		return (boost != null) ? "boost '" + boost.name() + "' until " + boost.until() : this.settingsName;
	}

	/**
	 * Goes back to the settings the ring was started with: settings set since apply at the
	 * next start, as {@link #setSettings} says, not at the end of a boost.
	 */
	private void revert(RingRecording running) {
		if (this.ring.get() == running) {
			running.revertSettings();
		}
	}

	private Map<String, String> ownSettings() {
		Map<String, String> own = this.settings;
		return (own != null) ? own : RingRecording.defaultSettings();
	}

	/**
	 * Sets a file that JFR writes the ring to if the JVM exits while recording (JFR's dump
	 * on exit), so that the last seconds before a shutdown are kept even where nothing else
	 * can run any more. The file is not written when {@link #stop()} is called while the JVM
	 * goes on. Applied at the next start.
	 * <p>
	 * JFR writes the file itself: without a free-space check, and without redaction. The
	 * ring's own recording never enables the redacted events, but the file holds them if
	 * another recording in the JVM enabled them.
	 * @param file the file, in an existing directory; null to write none
	 */
	public void setExitDump(@Nullable Path file) {
		synchronized (this.lifecycleLock) {
			this.exitDump = file;
		}
	}

	/**
	 * Sets what is done with the recording a JVM left when it was killed while recording
	 * (an out-of-memory kill, {@code kill -9}, a crash): at each {@link #start()}, the JFR
	 * repositories that recorders of dead JVMs of this host left in the repository directory
	 * (or {@code java.io.tmpdir}) are handed to it, then deleted, as are the snapshot files
	 * such JVMs were writing. Only what is provably of a dead JVM is touched: never the
	 * repository of a live JVM, nor one of another host on a shared volume. Defaults to
	 * {@link CrashedRecording.Handler#NONE}: deleted unread.
	 * @param handler what to do with each dead JVM's recording
	 */
	public void setCrashHandler(CrashedRecording.Handler handler) {
		Objects.requireNonNull(handler, "handler");
		synchronized (this.lifecycleLock) {
			this.crashHandler = handler;
		}
	}

	/**
	 * Sets the directory of the JFR repository, where the ring's chunks are written, and of
	 * snapshot files; {@code null} (the default) for the JVM's repository and
	 * {@code java.io.tmpdir}. JFR has one repository per JVM, so this moves it for every
	 * recording in the JVM. Applies at the next {@link #start()}, which creates the directory.
	 * @param directory the directory, or {@code null}
	 */
	public void setRepository(@Nullable Path directory) {
		synchronized (this.lifecycleLock) {
			this.repository = directory;
		}
	}

	/**
	 * Sets the free space to keep on the disk under the repository and snapshot files. A
	 * snapshot that would leave less is refused with {@link InsufficientSpaceException}; so is
	 * a start with less than this plus the size; and a running recorder whose disk falls
	 * below it stops itself, as a full disk under the JFR repository shuts the JVM down
	 * (JDK-8280684). Applies at the next {@link #start()}.
	 * @param bytes the free space to keep, positive
	 */
	public void setMinFreeSpace(long bytes) {
		if (bytes <= 0) {
			throw new IllegalArgumentException("Minimum free space must be positive, but was " + bytes + " bytes");
		}
		synchronized (this.lifecycleLock) {
			this.minFreeSpace = bytes;
		}
	}

	/**
	 * Adds what is told of each snapshot request and how it ended, for metrics and tracing,
	 * after the listeners added before it. Applies to the snapshots requested from now on,
	 * whether or not the recorder is started.
	 * @param listener the listener
	 */
	public void addSnapshotListener(SnapshotListener listener) {
		this.snapshotListeners.add(Objects.requireNonNull(listener, "listener"));
	}

	/**
	 * Removes a listener added with {@link #addSnapshotListener}; it is not told of the
	 * snapshots requested from now on. Does nothing if it was not added.
	 * @param listener the listener
	 */
	public void removeSnapshotListener(SnapshotListener listener) {
		this.snapshotListeners.remove(listener);
	}

	/**
	 * Sets how long {@link #stop()} waits for an open snapshot before aborting it; for tests.
	 */
	void setStopTimeout(Duration timeout) {
		this.stopTimeout = timeout;
	}

	/**
	 * Returns the bytes the ring keeps on disk, not counting the chunk being recorded; 0 when
	 * the recorder is not started.
	 * @return the retained size in bytes
	 */
	public long retainedBytes() {
		RingRecording running = this.ring.get();
		return (running != null) ? running.retainedBytes() : 0;
	}

	/**
	 * Returns the state of the recorder, for health checks.
	 * @return the current status
	 */
	public Status status() {
		Storage current = this.storage;
		return new Status(isEnabled(), retainedBytes(), (current != null) ? current.repository() : null,
				(current != null) ? current.freeSpace() : -1, this.failure);
	}

	/**
	 * Begins recording with the current size and period.
	 * @throws IllegalStateException if the recorder is already started, or JFR cannot
	 * record in this JVM
	 */
	public void start() {
		synchronized (this.lifecycleLock) {
			if (this.ring.get() != null) {
				throw new IllegalStateException("The flight recorder is already started");
			}
			Storage starting = new Storage(this.repository, this.minFreeSpace);
			this.storage = starting;
			try {
				Leftovers.recover(starting.snapshotDirectory(), this.crashHandler);
				starting.moveRepository();
				starting.require(this.size, "a ring of " + this.size + " bytes");
				Map<String, String> own = ownSettings();
				this.ring.set(new RingRecording(this.size, this.period, own, this.redactedEvents, starting,
						this.exitDump, this::stopForLackOfSpace));
				UnknownEvents.warn(own.keySet());
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
	 * Initializes JFR and reads the settings the ring records with, without recording
	 * anything, so that a later {@link #start()} is quick. Call it as early as possible, on
	 * a thread of its own: on JDK 17, JFR initialized after the application's classes were
	 * loaded and compiled cost a web application a quarter to a third of its throughput,
	 * and initialized early it cost nothing measurable. Calling it again does nothing more.
	 * @throws IllegalStateException if JFR is not available in this JVM
	 */
	public static void initializeJfr() {
		RingRecording.initializeJfr();
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
	 * at most 10 seconds: a snapshot still open then (a stalled client, or one that was never
	 * closed) is aborted, which releases what it holds and fails its reader, so that stopping
	 * never hangs.
	 * @throws IllegalStateException if the recorder is not started
	 */
	public void stop() {
		synchronized (this.lifecycleLock) {
			RingRecording running = this.ring.getAndSet(null);
			if (running == null) {
				throw new IllegalStateException("The flight recorder is not started");
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
		long deadline = System.nanoTime() + this.stopTimeout.toNanos();
		while (true) {
			try {
				if (this.snapshotPermit.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
					break;
				}
				Runnable abortOpen = this.abortOpenSnapshot;
				if (abortOpen != null) {
					logger.log(System.Logger.Level.WARNING, "A flight recorder snapshot was still open after "
							+ this.stopTimeout.toMillis() + " ms; aborting it to stop the recorder");
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
			Path file = Objects.requireNonNull(this.storage).newSnapshotFile(snapshot.size());
			try (OutputStream out = Files.newOutputStream(file)) {
				snapshot.writeTo(out);
				return file;
			}
			catch (IOException | RuntimeException ex) {
				Files.deleteIfExists(file);
				throw ex;
			}
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
		requireRunning();
		SnapshotListener.Attempt attempt = this.snapshotListeners.started();
		if (!this.snapshotPermit.tryAcquire()) {
			attempt.ended(SnapshotOutcome.REJECTED, 0);
			throw new SnapshotActiveException();
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

	/**
	 * The state of a recorder.
	 *
	 * @param running whether it records
	 * @param retainedBytes the bytes its ring keeps on disk
	 * @param repository the directory of the JFR repository, or {@code null} before the first
	 * start
	 * @param freeBytes the bytes usable under the repository, or -1 if unknown
	 * @param failure why it failed to start or stopped itself, or {@code null}
	 */
	public record Status(boolean running, long retainedBytes, @Nullable Path repository, long freeBytes,
			@Nullable String failure) {
	}

}

package io.flightrecorder;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import io.flightrecorder.internal.BackgroundWork;
import jdk.jfr.Recording;
import org.jspecify.annotations.Nullable;

/**
 * Ends the recording's current chunk when it grows too old or too large, so that the ring is
 * made of chunks small enough for size and period to hold.
 * <p>
 * JFR keeps and drops whole chunks, and a chunk ends only when it reaches
 * {@code maxchunksize} (12 MB by default) or a recording starts or stops. Left alone, a ring
 * set to 10 s can hold minutes of data in one chunk, or a few seconds only once that chunk is
 * dropped; and a ring set to 1 MB holds at least the newest chunk, however large.
 * <ul>
 * <li>Age: a snapshot spans the period plus at most the age of the oldest chunk it keeps, so
 * chunks must not grow older than {@code max(2 s, period / 4)}: a chunk is ended
 * {@link #intervalFor(Duration) four fifths} of that after the last chunk end, including
 * those a snapshot causes.</li>
 * <li>Size: JFR trims the ring to its size by dropping its oldest chunks but never the newest,
 * so a snapshot is at most the larger of the size and its newest chunk. The current chunk's
 * file grows as JFR writes its buffers (in steps of about 512 KB under a heavy load on JDK 17,
 * once a second on JDK 25), and is checked every second, or every 50 ms while it grows fast
 * enough to reach its limit before the next check: it is ended once it holds half the size,
 * at most every 250 ms. As the file may show a second of growth at once, the chunks ended
 * here also teach a {@link ChunkGrowth} how fast chunks grow, and a chunk is ended when it
 * should hold half the size by that, even if its file does not show it yet.</li>
 * </ul>
 * Each rotation costs a few milliseconds of CPU and adds the fixed content of a chunk
 * (metadata, constant pools: about 300 KB for a web application) to the ring. Chunk ends are
 * global to the JVM: other recordings running at the same time get shorter chunks too.
 */
final class ChunkRotation implements AutoCloseable {

	private static final long MIN_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	private static final long MAX_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final long MIN_SIZE_ROTATION_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	private static final long MIN_CHUNK_SPAN_NANOS = Duration.ofSeconds(2).toNanos();

	private final Recording recording;

	private final long intervalNanos;

	private final long chunkLimit;

	private final ChunkGrowth growth;

	/**
	 * How long a chunk may last before it should hold its limit, by {@link #growth};
	 * {@link Long#MAX_VALUE} while chunks do not grow that fast.
	 */
	private long sizeSpanNanos = Long.MAX_VALUE;

	private final ScheduledExecutorService scheduler;

	private final Runnable afterRotation;

	private volatile @Nullable Thread thread;

	/**
	 * Held while a chunk ends, and by the rotation thread until it has read the size of a
	 * chunk it ended, so that no other chunk end comes between.
	 */
	private final Lock rotating = new ReentrantLock();

	private volatile long lastRotation = System.nanoTime();

	private long lastCheck = System.nanoTime();

	/**
	 * The chunk's size at the last check; -1 before the first check of a chunk, whose size
	 * is then its fixed content (metadata, constant pools), not growth.
	 */
	private long lastChunkSize = -1;

	/**
	 * How long to wait while the chunk does not grow: doubled at each check that finds it
	 * as it was, from the shortest wait to the longest. JDK 17 writes the chunk in steps of
	 * about 512 KB, so a busy chunk can look still between two close checks: a still chunk
	 * is idle only after several checks.
	 */
	private long stillWait;

	/**
	 * Starts ending the chunks of a recording bounded by the given size and period, calling
	 * {@code afterRotation} on the rotation thread after each chunk end it causes.
	 */
	ChunkRotation(Recording recording, long size, Duration period, Runnable afterRotation) {
		this.recording = recording;
		this.afterRotation = afterRotation;
		this.intervalNanos = intervalFor(period).toNanos();
		this.chunkLimit = size / 2;
		this.growth = new ChunkGrowth(this.chunkLimit, MIN_SIZE_ROTATION_NANOS, this.intervalNanos);
		this.scheduler = BackgroundWork.newScheduler("chunk-rotation");
		scheduleNext(MIN_CHECK_NANOS);
	}

	/**
	 * Returns how often the chunk is ended for the given period.
	 */
	static Duration intervalFor(Duration period) {
		return Duration.ofNanos(maxChunkSpanNanos(period) / 5 * 4);
	}

	/**
	 * Returns how long data recorded now may stay in a ring of the given period: the period
	 * after the end of its chunk, with a chunk's span of margin.
	 */
	static Duration retention(Duration period) {
		return period.plusNanos(2 * maxChunkSpanNanos(period));
	}

	private static long maxChunkSpanNanos(Duration period) {
		return Math.max(MIN_CHUNK_SPAN_NANOS, period.toNanos() / 4);
	}

	/**
	 * Ends the current chunk now and returns a stopped copy of the recording holding every
	 * chunk the ring keeps, up to this moment. The caller closes the copy.
	 */
	Recording rotate() {
		this.rotating.lock();
		try {
			Recording copy = this.recording.copy(true);
			this.lastRotation = System.nanoTime();
			return copy;
		}
		finally {
			this.rotating.unlock();
		}
	}

	private void rotateWhenDue() {
		this.thread = Thread.currentThread();
		long[] next = { MAX_CHECK_NANOS };
		try {
			BackgroundWork.logFailures("Ending a flight recorder chunk", () -> next[0] = check()).run();
		}
		finally {
			scheduleNext(next[0]);
		}
	}

	/**
	 * Ends the chunk if it is due, by age or size, and returns when to check again: soon when
	 * the chunk grows fast enough to reach its limit before the next regular check.
	 */
	private long check() {
		long now = System.nanoTime();
		long started = this.lastRotation;
		long age = now - started;
		long maxAge = Math.min(this.intervalNanos, this.sizeSpanNanos);
		boolean due = age >= maxAge;
		long chunk = due ? 0 : chunkSize(0);
		if (due || (age >= MIN_SIZE_ROTATION_NANOS && chunk >= this.chunkLimit)) {
			endChunk(started);
			this.afterRotation.run();
			this.lastChunkSize = -1;
			this.stillWait = 0;
			this.lastCheck = System.nanoTime();
			return MIN_CHECK_NANOS;
		}
		long grown = chunk - this.lastChunkSize;
		boolean first = this.lastChunkSize < 0;
		long elapsed = now - this.lastCheck;
		this.lastChunkSize = chunk;
		this.lastCheck = now;
		if (first || grown < 0) {
			return MIN_CHECK_NANOS;
		}
		long wait;
		if (grown == 0) {
			this.stillWait = Math.min(MAX_CHECK_NANOS, Math.max(MIN_CHECK_NANOS, this.stillWait * 2));
			wait = this.stillWait;
		}
		else {
			this.stillWait = 0;
			wait = (long) ((double) (this.chunkLimit - chunk) / grown * elapsed / 2);
		}
		return Math.max(MIN_CHECK_NANOS, Math.min(Math.min(wait, MAX_CHECK_NANOS), maxAge - age));
	}

	/**
	 * Ends the chunk started at {@code started}, unless a snapshot ended it meanwhile, and
	 * teaches {@link #growth} how large it grew. JFR's snapshot of all recordings, closed at
	 * once, ends the chunk as a stopped copy does, without what stopping a recording also
	 * does: apply every event's settings again, a cost at every chunk end.
	 */
	private void endChunk(long started) {
		this.rotating.lock();
		try {
			if (this.lastRotation == started) {
				jdk.jfr.FlightRecorder.getFlightRecorder().takeSnapshot().close();
				this.lastRotation = System.nanoTime();
				this.sizeSpanNanos = this.growth.ended(this.lastRotation - started, chunkSize(1));
			}
		}
		finally {
			this.rotating.unlock();
		}
	}

	private void scheduleNext(long delayNanos) {
		if (!this.scheduler.isShutdown()) {
			this.scheduler.schedule(this::rotateWhenDue, delayNanos, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Returns the size of a chunk of the JVM's repository, by its place from the newest
	 * file (0: the chunk being recorded, 1: the one ended before it), as JFR names them from
	 * the time, in order; 0 when there is none (yet).
	 */
	private static long chunkSize(int fromNewest) {
		String repository = System.getProperty("jdk.jfr.repository");
		if (repository == null) {
			return 0;
		}
		List<String> names = new ArrayList<>();
		try (DirectoryStream<Path> chunks = Files.newDirectoryStream(Paths.get(repository), ChunkRotation::isChunk)) {
			chunks.forEach((chunk) -> names.add(chunk.getFileName().toString()));
			names.sort(Comparator.reverseOrder());
			return (names.size() > fromNewest) ? Files.size(Paths.get(repository, names.get(fromNewest))) : 0;
		}
		catch (NoSuchFileException ex) {
			return 0;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the size of a chunk in " + repository, ex);
		}
	}

	/**
	 * Whether a file of the repository is a chunk: a filter rather than a glob, which would
	 * be compiled into a regular expression at every check.
	 */
	private static boolean isChunk(Path file) {
		return file.getFileName().toString().endsWith(".jfr");
	}

	/**
	 * Stops rotating and waits for a rotation under way to end, unless called from that
	 * rotation.
	 */
	@Override
	public void close() {
		if (Thread.currentThread() == this.thread) {
			this.scheduler.shutdown();
			return;
		}
		this.scheduler.shutdownNow();
		try {
			this.scheduler.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

package io.flightrecorder;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.flightrecorder.internal.BackgroundWork;
import jdk.jfr.Recording;
import org.jspecify.annotations.Nullable;

/**
 * Ends the recording's current chunk on a schedule, so that the ring is made of chunks short
 * enough for size and period to hold.
 * <p>
 * JFR keeps and drops whole chunks, and a chunk ends only when it reaches
 * {@code maxchunksize} (12 MB by default) or a recording starts or stops. Left alone, a ring
 * set to 10 s can hold minutes of data in one chunk, or a few seconds only once that chunk is
 * dropped. A snapshot spans the period plus at most the age of the oldest chunk it keeps, so
 * chunks must not grow older than {@code max(2 s, period / 4)}: this class ends one every
 * {@link #intervalFor(Duration) four fifths} of that, counting from the last chunk end,
 * including those a snapshot causes. Each rotation costs a few milliseconds of CPU and adds
 * the fixed content of a chunk (metadata, constant pools) to the ring. Chunk ends are global
 * to the JVM: other recordings running at the same time get shorter chunks too.
 */
final class ChunkRotation implements AutoCloseable {

	private static final long MIN_CHUNK_SPAN_NANOS = Duration.ofSeconds(2).toNanos();

	private final Recording recording;

	private final long intervalNanos;

	private final ScheduledExecutorService scheduler;

	private final Runnable afterRotation;

	private volatile @Nullable Thread thread;

	private volatile long lastRotation = System.nanoTime();

	ChunkRotation(Recording recording, Duration period, Runnable afterRotation) {
		this.recording = recording;
		this.afterRotation = afterRotation;
		this.intervalNanos = intervalFor(period).toNanos();
		this.scheduler = BackgroundWork.newScheduler("chunk-rotation");
		scheduleNext(this.intervalNanos);
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
		Recording copy = this.recording.copy(true);
		this.lastRotation = System.nanoTime();
		return copy;
	}

	private void rotateWhenDue() {
		this.thread = Thread.currentThread();
		long wait = this.lastRotation + this.intervalNanos - System.nanoTime();
		try {
			if (wait <= 0) {
				wait = this.intervalNanos;
				BackgroundWork.logFailures("Ending a flight recorder chunk", () -> {
					rotate().close();
					this.afterRotation.run();
				}).run();
			}
		}
		finally {
			scheduleNext(wait);
		}
	}

	private void scheduleNext(long delayNanos) {
		if (!this.scheduler.isShutdown()) {
			this.scheduler.schedule(this::rotateWhenDue, delayNanos, TimeUnit.NANOSECONDS);
		}
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

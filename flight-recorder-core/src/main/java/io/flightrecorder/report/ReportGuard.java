package io.flightrecorder.report;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.Locale;

/**
 * Stops a report being built once it has taken longer than its time limit, or once the
 * heap still in use after garbage collection has grown past what the report may use. The
 * build calls {@link #check()} often, from each thread that reads the recording; a check is
 * cheap, and reads the heap only every few thousand calls.
 * <p>
 * The heap is judged by what the collectors left in use after their last collection, so
 * garbage does not count; growth is measured from the start of the build, so it counts what
 * the application allocated meanwhile too, which errs on the side of the application.
 */
final class ReportGuard {

	/**
	 * How many checks pass between two reads of the heap.
	 */
	private static final int HEAP_EVERY = 4096;

	private final Duration timeout;

	private final long deadline;

	private final long heapLimit;

	private int checks;

	/**
	 * Starts the clock.
	 * @param timeout the time limit
	 * @param heap how much the heap in use after collection may grow, in bytes, or
	 * {@link Long#MAX_VALUE} for no limit
	 */
	ReportGuard(Duration timeout, long heap) {
		this.timeout = timeout;
		this.deadline = System.nanoTime() + timeout.toNanos();
		this.heapLimit = (heap == Long.MAX_VALUE) ? Long.MAX_VALUE : liveHeap() + heap;
	}

	/**
	 * Throws if the report must stop.
	 * @throws ReportRefusedException if the time limit has passed, or the heap has grown
	 * past the limit
	 */
	void check() {
		if (remainingNanos() == 0) {
			throw timedOut();
		}
		if (this.heapLimit != Long.MAX_VALUE && ++this.checks % HEAP_EVERY == 0) {
			long live = liveHeap();
			if (live > this.heapLimit) {
				throw new ReportRefusedException(String.format(Locale.ROOT,
						"The report was abandoned: the heap in use after garbage collection grew to %s, past the %s "
								+ "the report may take",
						megabytes(live), megabytes(this.heapLimit)));
			}
		}
	}

	/**
	 * Returns the time left, in nanoseconds; 0 once the time limit has passed.
	 */
	long remainingNanos() {
		return Math.max(0, this.deadline - System.nanoTime());
	}

	/**
	 * Returns the exception that says the time limit has passed.
	 */
	ReportRefusedException timedOut() {
		return new ReportRefusedException("The report was abandoned: it took longer than its time limit of "
				+ this.timeout.toMillis() / 1000.0 + " s");
	}

	/**
	 * Returns the heap in use after the last garbage collection, summed over the heap's
	 * pools; for a pool not yet collected, its use now.
	 */
	static long liveHeap() {
		long live = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				MemoryUsage afterCollection = pool.getCollectionUsage();
				live += (afterCollection != null && afterCollection.getUsed() > 0) ? afterCollection.getUsed()
						: pool.getUsage().getUsed();
			}
		}
		return live;
	}

	static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
	}

}

package io.flightrecorder.report;

import java.time.Duration;

/**
 * How a {@link RecordingReport} may be built: where, with how much heap, and for how long.
 * The defaults are {@link #DEFAULTS}.
 *
 * @param build where reports are built
 * @param heapShare the share, from 0 (exclusive) to 1, of the heap left free after the last
 * garbage collection that a report built in the application's own JVM may use; a report
 * estimated to need more is built in a process of its own, or refused
 * @param timeout how long a report may take; one that takes longer is abandoned and refused
 * @param maxProcessHeap the largest heap given to a report's own process, in bytes; a report
 * estimated to need more is refused
 */
public record ReportOptions(Build build, double heapShare, Duration timeout, long maxProcessHeap) {

	/**
	 * The defaults: in the application's JVM when the report fits in half of the heap left
	 * free after the last collection, in a process of its own otherwise; 60 s; at most 1 GiB
	 * of heap in a process of its own.
	 */
	public static final ReportOptions DEFAULTS = new ReportOptions(Build.AUTO, 0.5, Duration.ofSeconds(60),
			1024L * 1024 * 1024);

	/**
	 * Checks the values.
	 * @throws IllegalArgumentException if the share is not above 0 and at most 1, or the
	 * timeout or the heap is not positive
	 */
	public ReportOptions {
		checkHeapShare(heapShare);
		if (timeout.isZero() || timeout.isNegative()) {
			throw new IllegalArgumentException("The timeout must be positive, not " + timeout);
		}
		if (maxProcessHeap <= 0) {
			throw new IllegalArgumentException("The process heap must be positive, not " + maxProcessHeap);
		}
	}

	/**
	 * Checks a heap share.
	 * @param heapShare the share
	 * @return the share
	 * @throws IllegalArgumentException if it is not above 0 and at most 1
	 */
	public static double checkHeapShare(double heapShare) {
		if (!(heapShare > 0 && heapShare <= 1)) {
			throw new IllegalArgumentException("must be above 0 and at most 1, but was " + heapShare);
		}
		return heapShare;
	}

	/**
	 * Where reports are built.
	 */
	public enum Build {

		/**
		 * In the application's JVM when the report fits in its share of the heap, in a
		 * process of its own otherwise.
		 */
		AUTO,

		/**
		 * Only in the application's JVM: a report that does not fit is refused.
		 */
		IN_PROCESS,

		/**
		 * Always in a process of its own, so that the application's heap is never used for
		 * it.
		 */
		OUT_OF_PROCESS

	}

}

package io.flightrecorder.events;

import java.time.Duration;

/**
 * The ready-made event rules: each catches one way the JVM itself goes wrong, and each is
 * checked against this JVM's events when made.
 */
public final class EventRules {

	private EventRules() {
	}

	/**
	 * A garbage collection whose longest pause is above a duration
	 * ({@code jdk.GarbageCollection}'s {@code longestPause}), named {@code gc-pause}.
	 * @param above the longest pause it tolerates
	 * @return the rule
	 */
	public static EventRule gcPause(Duration above) {
		return EventThreshold.longerThan("gc-pause", "jdk.GarbageCollection", "longestPause", above);
	}

	/**
	 * A virtual thread pinned to its carrier for longer than a duration
	 * ({@code jdk.VirtualThreadPinned}: a blocking call in a native frame or a class
	 * initializer, and before Java 24 in {@code synchronized}), named {@code pinned}.
	 * @param above the longest pinning it tolerates
	 * @return the rule
	 * @throws IllegalArgumentException before Java 21, which has no virtual threads
	 */
	public static EventRule pinned(Duration above) {
		try {
			return EventThreshold.longerThan("pinned", "jdk.VirtualThreadPinned", null, above);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("the pinned rule needs Java 21 or later, whose JFR records "
					+ "jdk.VirtualThreadPinned: " + ex.getMessage(), ex);
		}
	}

	/**
	 * A thread blocked for longer than a duration on entering a monitor that another thread
	 * holds ({@code jdk.JavaMonitorEnter}: {@code synchronized} contention), named
	 * {@code monitor-wait}.
	 * @param above the longest wait it tolerates
	 * @return the rule
	 */
	public static EventRule monitorWait(Duration above) {
		return EventThreshold.longerThan("monitor-wait", "jdk.JavaMonitorEnter", null, above);
	}

	/**
	 * A safepoint that stopped every Java thread for longer than a duration, from the time to
	 * reach it to its end ({@code jdk.SafepointBegin} and {@code jdk.SafepointEnd}, both
	 * recorded for every safepoint while this rule is on), named {@code safepoint}.
	 * @param above the longest stop it tolerates
	 * @return the rule
	 */
	public static EventRule safepoint(Duration above) {
		return new SafepointPause(above);
	}

	/**
	 * A heap still above a percentage of its maximum after a collection
	 * ({@code jdk.GCHeapSummary} after GC: a leak, or a heap too small for the load), named
	 * {@code heap-after-gc}.
	 * @param abovePercent the percentage, above 0 and below 100
	 * @return the rule
	 */
	public static EventRule heapAfterGc(double abovePercent) {
		return new HeapAfterGc(abovePercent);
	}

	/**
	 * A thread stalled for longer than a duration because ZGC could not free memory as fast
	 * as the application allocates ({@code jdk.ZAllocationStall}), named
	 * {@code allocation-stall}. With another collector it never fires.
	 * @param above the longest stall it tolerates
	 * @return the rule
	 */
	public static EventRule allocationStall(Duration above) {
		return EventThreshold.longerThan("allocation-stall", "jdk.ZAllocationStall", null, above);
	}

}

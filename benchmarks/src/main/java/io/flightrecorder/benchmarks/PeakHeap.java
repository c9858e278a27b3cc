package io.flightrecorder.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The heap an operation needed: the peak use of the heap's pools since a collection made just
 * before it.
 */
final class PeakHeap {

	private PeakHeap() {
	}

	/**
	 * Collects the heap and starts counting its peak from there.
	 */
	static void reset() {
		System.gc();
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	/**
	 * The peak use of the heap since {@link #reset()}, in MiB.
	 */
	static double mebibytes() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.mapToLong((pool) -> pool.getPeakUsage().getUsed())
			.sum() / 1048576.0;
	}

}

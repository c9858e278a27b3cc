package io.flightrecorder.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.sun.management.OperatingSystemMXBean;

import jdk.jfr.Configuration;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

/**
 * What one chunk end costs, the thread that causes it and the whole process (JFR's own
 * threads and the VM's included), by the two public ways to end a chunk:
 * stopping a copy of the recording ({@code copy(true)}, which a snapshot needs for the ring's
 * chunks) and JFR's snapshot of all recordings ({@code takeSnapshot()}, closed at once, which
 * the periodic chunk end uses). A recording with the {@code default} settings runs under a
 * light load; the two ways alternate, a round of each at a time.
 * <p>
 * Usage: {@code ChunkEndCost [rounds] [chunk ends per round]}, by default 5 and 50.
 */
public final class ChunkEndCost {

	private ChunkEndCost() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		int ends = (args.length > 1) ? Integer.parseInt(args[1]) : 50;
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		OperatingSystemMXBean process = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
		List<Double> copies = new ArrayList<>();
		List<Double> snapshots = new ArrayList<>();
		List<Double> processCopies = new ArrayList<>();
		List<Double> processSnapshots = new ArrayList<>();
		try (Recording recording = new Recording(Configuration.getConfiguration("default"));
				Load load = new Load(64 * 1024)) {
			recording.setToDisk(true);
			recording.setMaxSize(10 * 1024 * 1024);
			recording.start();
			Thread.sleep(3000);
			for (int round = 0; round <= rounds; round++) {
				long[] copied = cost(ends, () -> recording.copy(true).close(), threads, process);
				long[] snapshotted = cost(ends, () -> FlightRecorder.getFlightRecorder().takeSnapshot().close(),
						threads, process);
				if (round > 0) {
					copies.add(copied[0] / 1e6 / ends);
					snapshots.add(snapshotted[0] / 1e6 / ends);
					processCopies.add(copied[1] / 1e6 / ends);
					processSnapshots.add(snapshotted[1] / 1e6 / ends);
				}
			}
		}
		System.out.printf("| chunk end by | CPU ms of the calling thread, median | min - max | CPU ms of the process, median | min - max |%n");
		System.out.printf("|---|---|---|---|---|%n");
		print("a stopped copy, copy(true)", copies, processCopies);
		print("JFR's snapshot, takeSnapshot()", snapshots, processSnapshots);
	}

	/**
	 * Ends {@code ends} chunks 20 ms apart and returns the CPU nanoseconds the calling thread
	 * and the process used meanwhile (the pauses included, the same for both ways).
	 */
	private static long[] cost(int ends, Runnable endChunk, ThreadMXBean threads, OperatingSystemMXBean process)
			throws InterruptedException {
		long threadStart = threads.getCurrentThreadCpuTime();
		long processStart = process.getProcessCpuTime();
		for (int i = 0; i < ends; i++) {
			endChunk.run();
			Thread.sleep(20);
		}
		return new long[] { threads.getCurrentThreadCpuTime() - threadStart, process.getProcessCpuTime() - processStart };
	}

	private static void print(String way, List<Double> thread, List<Double> process) {
		Collections.sort(thread);
		Collections.sort(process);
		System.out.printf("| %s | %.2f | %.2f - %.2f | %.2f | %.2f - %.2f |%n", way, thread.get(thread.size() / 2),
				thread.get(0), thread.get(thread.size() - 1), process.get(process.size() / 2), process.get(0),
				process.get(process.size() - 1));
	}

}

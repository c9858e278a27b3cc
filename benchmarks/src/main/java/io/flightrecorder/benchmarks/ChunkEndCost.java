package io.flightrecorder.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jdk.jfr.Configuration;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

/**
 * What one chunk end costs the thread that causes it, by the two public ways to end a chunk:
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
		List<Double> copies = new ArrayList<>();
		List<Double> snapshots = new ArrayList<>();
		try (Recording recording = new Recording(Configuration.getConfiguration("default"));
				Load load = new Load(64 * 1024)) {
			recording.setToDisk(true);
			recording.setMaxSize(10 * 1024 * 1024);
			recording.start();
			Thread.sleep(3000);
			for (int round = 0; round <= rounds; round++) {
				long start = threads.getCurrentThreadCpuTime();
				for (int i = 0; i < ends; i++) {
					recording.copy(true).close();
					Thread.sleep(20);
				}
				long copied = threads.getCurrentThreadCpuTime() - start;
				start = threads.getCurrentThreadCpuTime();
				for (int i = 0; i < ends; i++) {
					FlightRecorder.getFlightRecorder().takeSnapshot().close();
					Thread.sleep(20);
				}
				long snapshotted = threads.getCurrentThreadCpuTime() - start;
				if (round > 0) {
					copies.add(copied / 1e6 / ends);
					snapshots.add(snapshotted / 1e6 / ends);
				}
			}
		}
		System.out.printf("| chunk end by | CPU ms of the calling thread, median | min - max |%n");
		System.out.printf("|---|---|---|%n");
		print("a stopped copy, copy(true)", copies);
		print("JFR's snapshot, takeSnapshot()", snapshots);
	}

	private static void print(String way, List<Double> millis) {
		Collections.sort(millis);
		System.out.printf("| %s | %.2f | %.2f - %.2f |%n", way, millis.get(millis.size() / 2), millis.get(0),
				millis.get(millis.size() - 1));
	}

}

package io.flightrecorder.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;

/**
 * Many snapshots in a row under a steady load: the JFR repository's size, the process's open
 * file descriptors, the heap in use after a full GC, and the snapshot files left behind,
 * every so many snapshots.
 * <p>
 * Arguments: snapshots, report every, load in bytes per second.
 */
public final class Soak {

	private Soak() {
	}

	public static void main(String[] args) throws Exception {
		int snapshots = Integer.parseInt(args[0]);
		int every = Integer.parseInt(args[1]);
		long rate = Long.parseLong(args[2]);
		FlightRecorder recorder = new FlightRecorder(FlightRecorderConfig.DEFAULTS);
		recorder.start();
		System.out.println("| snapshots | repository (bytes) | open files | heap after GC (KiB) | snapshot files left |");
		System.out.println("|---|---|---|---|---|");
		try (Load load = new Load(rate)) {
			Thread.sleep(12_000);
			report(0);
			for (int i = 1; i <= snapshots; i++) {
				recorder.writeTo(OutputStream.nullOutputStream());
				if (i % every == 0) {
					report(i);
				}
			}
		}
		finally {
			recorder.stop();
		}
	}

	private static void report(int snapshots) throws IOException {
		System.gc();
		long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		System.out.printf("| %d | %d | %d | %d | %d |%n", snapshots,
				size(Paths.get(System.getProperty("jdk.jfr.repository"))), count(Paths.get("/proc/self/fd")),
				heap / 1024, snapshotFiles());
	}

	private static long size(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.mapToLong((file) -> file.toFile().length()).sum();
		}
	}

	private static long count(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.count();
		}
	}

	private static long snapshotFiles() throws IOException {
		try (Stream<Path> files = Files.list(Paths.get(System.getProperty("java.io.tmpdir")))) {
			return files.filter((file) -> file.getFileName().toString().startsWith("flight-recorder-")).count();
		}
	}

}

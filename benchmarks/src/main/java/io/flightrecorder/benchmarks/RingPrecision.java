package io.flightrecorder.benchmarks;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Size and span of snapshots once the ring has filled (by period, or by size under a heavy
 * load) under a steady load, with the time and the heap each snapshot costs the calling
 * thread.
 * <p>
 * Arguments: size in bytes, period (ISO-8601), load in bytes per second, number of
 * snapshots.
 */
public final class RingPrecision {

	private RingPrecision() {
	}

	public static void main(String[] args) throws Exception {
		long size = Long.parseLong(args[0]);
		Duration period = Duration.parse(args[1]);
		long rate = Long.parseLong(args[2]);
		int snapshots = Integer.parseInt(args[3]);
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		Duration slack = Duration.ofMillis(Math.max(2000, period.toMillis() / 4));
		FlightRecorder recorder = new FlightRecorder(FlightRecorderConfig.builder().size(size).period(period).build());
		recorder.start();
		try (Load load = new Load(rate)) {
			Duration filledBySize = Duration.ofMillis(3000 * size / rate);
			Thread.sleep(min(period.plus(slack), filledBySize).plusSeconds(3).toMillis());
			System.out.printf("| %s | %s | %d KB/s | %s |%n", mib(size), period.toSeconds() + " s", rate / 1024,
					"size (x bound) | span (s) | time (ms) | heap (KiB)");
			Path file = Files.createTempFile("precision-", ".jfr");
			for (int i = 0; i < snapshots; i++) {
				Thread.sleep(1500);
				long allocated = threads.getCurrentThreadAllocatedBytes();
				long start = System.nanoTime();
				Instant taken = Instant.now();
				long bytes;
				try (OutputStream out = Files.newOutputStream(file)) {
					bytes = recorder.writeTo(out);
				}
				double millis = (System.nanoTime() - start) / 1e6;
				long heap = threads.getCurrentThreadAllocatedBytes() - allocated;
				double span = (taken.toEpochMilli() - oldestLoadEvent(file).toEpochMilli()) / 1000.0;
				System.out.printf("|  |  |  | %d (%.2f) | %.1f | %.1f | %d |%n", bytes, (double) bytes / size, span, millis,
						heap / 1024);
			}
			Files.delete(file);
		}
		finally {
			recorder.stop();
		}
	}

	private static Instant oldestLoadEvent(Path file) throws Exception {
		Instant oldest = Instant.MAX;
		try (RecordingFile recording = new RecordingFile(file)) {
			while (recording.hasMoreEvents()) {
				RecordedEvent event = recording.readEvent();
				if (event.getEventType().getName().equals("io.flightrecorder.benchmarks.Load")
						&& event.getStartTime().isBefore(oldest)) {
					oldest = event.getStartTime();
				}
			}
		}
		return oldest;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static String mib(long bytes) {
		return (bytes % (1024 * 1024) == 0) ? (bytes / (1024 * 1024)) + " MiB" : (bytes / 1024) + " KiB";
	}

}

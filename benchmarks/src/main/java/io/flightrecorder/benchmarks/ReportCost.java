package io.flightrecorder.benchmarks;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import io.flightrecorder.observation.FlightRecorderObservationHandler;
import io.flightrecorder.report.RecordingReport;
import io.flightrecorder.report.ReportCommand;
import io.flightrecorder.report.ReportOptions;
import io.flightrecorder.report.ReportSubject;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * CPU time, wall time and peak heap of building one report, in this JVM and in a JVM of
 * its own, for recordings of about the given sizes, and the smallest heap the report command
 * builds each in. Each recording is made first, in this JVM, of a service-like load: threads
 * that burn CPU at several stack depths, allocate, contend on a lock and sleep, each unit of
 * work an observation recorded as an {@code io.flightrecorder.Observation} event. Then the
 * report of each is built the given number of times each way; the first build of the run
 * warms up and is not counted. CPU time is this process's: a JVM of its own is not counted
 * in it.
 * <p>
 * Arguments: rounds, then sizes in MiB. Run with a fixed heap ({@code -Xmx}) to read the
 * peak as a share of it.
 */
public final class ReportCost {

	private ReportCost() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = Integer.parseInt(args[0]);
		List<Path> recordings = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			recordings.add(record(Long.parseLong(args[i]) * 1024 * 1024));
		}
		RecordingReport inProcess = new RecordingReport(
				new ReportOptions(ReportOptions.Build.IN_PROCESS, 1, Duration.ofMinutes(10), Long.MAX_VALUE));
		RecordingReport outOfProcess = new RecordingReport(
				new ReportOptions(ReportOptions.Build.OUT_OF_PROCESS, 1, Duration.ofMinutes(10), Long.MAX_VALUE));
		build(inProcess, recordings.get(0));
		build(outOfProcess, recordings.get(0));
		for (Path recording : recordings) {
			measure(inProcess, "in process", recording, rounds);
			measure(outOfProcess, "own process", recording, rounds);
			System.out.printf("| %.1f MiB | smallest -Xmx of `flight-recorder-report.jar` | %d MiB (estimate %d MiB) |%n",
					Files.size(recording) / 1048576.0, smallestHeap(recording),
					RecordingReport.heapNeeded(Files.size(recording)) / 1048576);
		}
		for (Path recording : recordings) {
			Files.delete(recording);
		}
	}

	private static void measure(RecordingReport report, String build, Path recording, int rounds) throws Exception {
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		for (int round = 0; round < rounds; round++) {
			System.gc();
			long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
			long cpu = os.getProcessCpuTime();
			long start = System.nanoTime();
			int page = build(report, recording);
			long wall = System.nanoTime() - start;
			cpu = os.getProcessCpuTime() - cpu;
			long peak = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter((pool) -> pool.getType() == MemoryType.HEAP)
				.mapToLong((pool) -> pool.getPeakUsage().getUsed())
				.sum();
			System.out.printf("| %.1f MiB | %s | %.2f s | %.2f s | %d MiB (%d MiB above the start) | %d KiB |%n",
					Files.size(recording) / 1048576.0, build, cpu / 1e9, wall / 1e9, peak / 1048576,
					(peak - before) / 1048576, page / 1024);
		}
	}

	/**
	 * Returns the smallest of a series of heaps in which the report command builds the
	 * report of the recording, in MiB: what a build needs, garbage collected as it goes.
	 */
	private static long smallestHeap(Path recording) throws Exception {
		Path page = Files.createTempFile("report-cost-", ".html");
		try {
			for (long megabytes : new long[] { 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024 }) {
				Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						"-Xmx" + megabytes + "m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
						ReportCommand.class.getName(), recording.toString(), page.toString())
					.redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start();
				if (process.waitFor() == 0) {
					return megabytes;
				}
			}
			return -1;
		}
		finally {
			Files.delete(page);
		}
	}

	private static int build(RecordingReport report, Path recording) throws Exception {
		ByteArrayOutputStream page = new ByteArrayOutputStream();
		try (RecordingReport.Permit permit = report.start()) {
			permit.write(recording, new ReportSubject("benchmark", "here", "r.jfr", "r.jfr", null, null, null, null), page);
		}
		return page.size();
	}

	/**
	 * Records the load until a dump of the recording is at least the given size.
	 */
	private static Path record(long bytes) throws Exception {
		Path file = Files.createTempFile("report-cost-", ".jfr");
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new FlightRecorderObservationHandler(Duration.ZERO, List.of(), List.of()));
		AtomicBoolean running = new AtomicBoolean(true);
		Object lock = new Object();
		List<Thread> threads = new ArrayList<>();
		try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
			recording.start();
			for (int i = 0; i < 4; i++) {
				Thread thread = new Thread(() -> {
					while (running.get()) {
						Observation.createNotStarted("work", registry)
							.lowCardinalityKeyValue("uri", "/work/" + ThreadLocalRandom.current().nextInt(8))
							.observe(() -> work(lock, ThreadLocalRandom.current().nextInt(4, 40)));
					}
				}, "worker-" + i);
				thread.start();
				threads.add(thread);
			}
			do {
				Thread.sleep(2000);
				recording.dump(file);
			}
			while (Files.size(file) < bytes);
			running.set(false);
			for (Thread thread : threads) {
				thread.join();
			}
		}
		return file;
	}

	static long sink;

	private static void work(Object lock, int depth) {
		if (depth > 0) {
			work(lock, depth - 1);
			return;
		}
		long sum = 0;
		for (int i = 0; i < 20_000; i++) {
			sum += Long.numberOfTrailingZeros(i * 31L + sum);
		}
		byte[] block = new byte[ThreadLocalRandom.current().nextInt(1024, 64 * 1024)];
		synchronized (lock) {
			sink += sum + block.length;
			if (ThreadLocalRandom.current().nextInt(50) == 0) {
				try {
					Thread.sleep(25);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}

}

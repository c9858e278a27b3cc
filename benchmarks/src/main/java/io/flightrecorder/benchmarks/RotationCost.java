package io.flightrecorder.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * CPU cost of the chunk rotation that makes size and period hold: the process's CPU time per
 * second of wall time with a plain JFR recording of the same settings and bounds (no
 * rotation) and with the {@link FlightRecorder}, alternating, under the same load.
 * <p>
 * Arguments: rounds, seconds per round, and optionally size in bytes, period (ISO-8601) and
 * load in bytes per second (default: the recorder's defaults under 64 KiB/s).
 */
public final class RotationCost {

	private RotationCost() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = Integer.parseInt(args[0]);
		Duration round = Duration.ofSeconds(Long.parseLong(args[1]));
		long size = (args.length > 2) ? Long.parseLong(args[2]) : FlightRecorderConfig.DEFAULTS.size();
		Duration period = (args.length > 3) ? Duration.parse(args[3]) : FlightRecorderConfig.DEFAULTS.period();
		long rate = (args.length > 4) ? Long.parseLong(args[4]) : 64 * 1024;
		List<Double> plain = new ArrayList<>();
		List<Double> rotated = new ArrayList<>();
		try (Load load = new Load(rate)) {
			for (int i = 0; i < rounds; i++) {
				plain.add(cpuShare(round, () -> {
					Recording recording = new Recording(Configuration.getConfiguration("default"));
					recording.setToDisk(true);
					recording.setMaxSize(size);
					recording.setMaxAge(period);
					recording.start();
					return recording::close;
				}));
				rotated.add(cpuShare(round, () -> {
					FlightRecorder recorder = new FlightRecorder(
							FlightRecorderConfig.builder().size(size).period(period).build());
					recorder.start();
					return recorder::stop;
				}));
			}
		}
		String bounds = (size / 1024) + " KiB, " + period.toSeconds() + " s, " + (rate / 1024) + " KiB/s";
		System.out.printf("| plain JFR recording (%s) | %s |%n", bounds, summary(plain));
		System.out.printf("| FlightRecorder (%s) | %s |%n", bounds, summary(rotated));
	}

	private static double cpuShare(Duration round, Starter starter) throws Exception {
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		Runnable stop = starter.start();
		try {
			Thread.sleep(2000);
			long cpu = os.getProcessCpuTime();
			long wall = System.nanoTime();
			Thread.sleep(round.toMillis());
			return 100.0 * (os.getProcessCpuTime() - cpu) / (System.nanoTime() - wall);
		}
		finally {
			stop.run();
		}
	}

	private static String summary(List<Double> shares) {
		List<Double> sorted = new ArrayList<>(shares);
		Collections.sort(sorted);
		return String.format("%.2f%% | %.2f%% - %.2f%%", sorted.get(sorted.size() / 2), sorted.get(0),
				sorted.get(sorted.size() - 1));
	}

	interface Starter {

		Runnable start() throws Exception;

	}

}

package io.flightrecorder.benchmarks;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * The two ways to read a snapshot of a filled ring, alternating in one run: streaming a stopped
 * copy ({@code copy(true)} then {@code getStream}) and dumping it to a temporary file first
 * ({@code copy(true)}, {@code dump}, then reading the file). Both include the chunk rotation.
 * <p>
 * Arguments: ring size in bytes, rounds.
 */
public final class SnapshotPaths {

	private SnapshotPaths() {
	}

	public static void main(String[] args) throws Exception {
		long size = Long.parseLong(args[0]);
		int rounds = Integer.parseInt(args[1]);
		Recording ring = new Recording(Configuration.getConfiguration("default"));
		ring.setToDisk(true);
		ring.setMaxSize(size);
		ring.setMaxAge(Duration.ofMinutes(10));
		ring.start();
		List<Double> streamed = new ArrayList<>();
		List<Double> dumped = new ArrayList<>();
		long bytes = 0;
		try (Load load = new Load(4 * size)) {
			Thread.sleep(2000);
			for (int i = 0; i < rounds + 1; i++) {
				long start = System.nanoTime();
				try (Recording copy = ring.copy(true); InputStream in = copy.getStream(null, null)) {
					bytes = in.transferTo(OutputStream.nullOutputStream());
				}
				double streamMillis = (System.nanoTime() - start) / 1e6;
				start = System.nanoTime();
				Path file = Files.createTempFile("snapshot-", ".jfr");
				try (Recording copy = ring.copy(true)) {
					copy.dump(file);
				}
				try (InputStream in = Files.newInputStream(file)) {
					in.transferTo(OutputStream.nullOutputStream());
				}
				Files.delete(file);
				double dumpMillis = (System.nanoTime() - start) / 1e6;
				if (i > 0) {
					streamed.add(streamMillis);
					dumped.add(dumpMillis);
				}
			}
		}
		finally {
			ring.close();
		}
		System.out.printf("| %.1f MB | copy(true) + getStream | %s |%n", bytes / 1e6, summary(streamed));
		System.out.printf("| %.1f MB | copy(true) + dump to file + read | %s |%n", bytes / 1e6, summary(dumped));
	}

	private static String summary(List<Double> millis) {
		List<Double> sorted = new ArrayList<>(millis);
		Collections.sort(sorted);
		return String.format("%.1f ms | %.1f - %.1f ms", sorted.get(sorted.size() / 2), sorted.get(0),
				sorted.get(sorted.size() - 1));
	}

}

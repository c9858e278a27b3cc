package io.flightrecorder.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.internal.DirectoryTrees;

/**
 * What indexing the trace IDs of a dump costs beside saving it: a ring of the given size (and
 * a period long enough for the size to bound it), full under a load of the given requests per second (each an observation event with a trace
 * ID) beside 256 KiB/s of other events, is saved by {@link SavedDumps#save}, then indexed by
 * {@link SavedDumps#traceIndex}, as {@link io.flightrecorder.dump.DumpTriggers} does after
 * each dump. Prints one Markdown row: the dump's size, the medians of the save's and the
 * index's wall-clock times over the rounds after the first, their ratio, and the index's
 * size.
 * <p>
 * Usage: {@code IndexCost [ring bytes] [requests per second] [rounds]}, by default 10 MiB,
 * 1000 and 10.
 */
public final class IndexCost {

	private IndexCost() {
	}

	public static void main(String[] args) throws Exception {
		long size = (args.length > 0) ? Long.parseLong(args[0]) : 10L * 1024 * 1024;
		int rate = (args.length > 1) ? Integer.parseInt(args[1]) : 1000;
		int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : 10;
		Path directory = Files.createTempDirectory("index-cost");
		FlightRecorder recorder = new FlightRecorder(
				FlightRecorderConfig.builder().size(size).period(Duration.ofMinutes(5)).build());
		List<Double> saves = new ArrayList<>();
		List<Double> indexes = new ArrayList<>();
		List<Long> sizes = new ArrayList<>();
		List<Long> indexSizes = new ArrayList<>();
		try (Load load = new Load(256 * 1024); TracedRequests requests = new TracedRequests(rate)) {
			recorder.start();
			SavedDumps dumps = new SavedDumps(directory, "benchmark", 2, Long.MAX_VALUE, 0);
			Thread.sleep(size / (256 * 1024 + rate * 120L) * 1000 + 2000);
			for (int round = 0; round <= rounds; round++) {
				long start = System.nanoTime();
				SavedDump dump = dumps.save(recorder, "benchmark", "round " + round);
				long saved = System.nanoTime() - start;
				start = System.nanoTime();
				Path index = dumps.traceIndex(dump.name()).orElseThrow();
				long indexed = System.nanoTime() - start;
				if (round > 0) {
					saves.add(saved / 1e6);
					indexes.add(indexed / 1e6);
					sizes.add(dump.size());
					indexSizes.add(Files.size(index));
				}
				Thread.sleep(1000);
			}
		}
		finally {
			recorder.stop();
			DirectoryTrees.delete(directory);
		}
		double save = median(saves);
		double index = median(indexes);
		System.out.printf("| %.1f MiB | %d/s | %.1f | %.1f | %.1f%% | %.0f KiB |%n", median(sizes) / 1048576.0, rate,
				save, index, index / save * 100, median(indexSizes) / 1024.0);
	}

	private static <T extends Comparable<T>> T median(List<T> values) {
		List<T> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

}

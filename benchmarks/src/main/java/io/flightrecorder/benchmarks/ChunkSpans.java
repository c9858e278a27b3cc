package io.flightrecorder.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * How large a chunk grows over a given span under a steady load, and how much of it its file
 * shows before the chunk ends: what the recorder's chunk growth model relies on. A JFR
 * recording with the {@code default} settings runs under the load; for each span, a chunk is
 * ended, then ended again after the span, and the chunk between is measured.
 * <p>
 * Usage: {@code ChunkSpans [bytes per second] [spans in ms...]}, by default 4 MB/s and
 * 1000 500 250 125.
 */
public final class ChunkSpans {

	private ChunkSpans() {
	}

	public static void main(String[] args) throws Exception {
		long rate = (args.length > 0) ? Long.parseLong(args[0]) : 4_000_000;
		List<Long> spans = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			spans.add(Long.parseLong(args[i]));
		}
		if (spans.isEmpty()) {
			spans.addAll(List.of(1000L, 500L, 250L, 125L));
		}
		Path repository;
		try (Recording recording = new Recording(Configuration.getConfiguration("default"));
				Load load = new Load(rate)) {
			recording.setToDisk(true);
			recording.start();
			repository = Paths.get(System.getProperty("jdk.jfr.repository"));
			Thread.sleep(3000);
			System.out.printf("| load | span | chunk at its end (KB) | largest its file showed before (KB) |%n");
			System.out.printf("|---|---|---|---|%n");
			for (long span : spans) {
				recording.copy(true).close();
				long shown = 0;
				long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(span);
				while (System.nanoTime() < end) {
					shown = Math.max(shown, chunkSize(repository, 0));
					Thread.sleep(5);
				}
				recording.copy(true).close();
				System.out.printf("| %d KB/s | %d ms | %d | %d |%n", rate / 1000, span,
						chunkSize(repository, 1) / 1000, shown / 1000);
			}
		}
	}

	/**
	 * The size of a chunk of the repository, by its place from the newest.
	 */
	private static long chunkSize(Path repository, int fromNewest) throws IOException {
		List<Path> chunks = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(repository, "*.jfr")) {
			files.forEach(chunks::add);
		}
		chunks.sort(Comparator.comparing((Path chunk) -> chunk.getFileName().toString()).reversed());
		return (chunks.size() > fromNewest) ? Files.size(chunks.get(fromNewest)) : 0;
	}

}

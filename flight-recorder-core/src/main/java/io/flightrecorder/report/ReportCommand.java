package io.flightrecorder.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.flightrecorder.dump.TraceId;
import io.flightrecorder.internal.DirectoryTrees;
import org.jspecify.annotations.Nullable;

/**
 * Writes the report page of a {@code .jfr} file, from the command line: offline, on any
 * recording (a saved dump from the bucket, a {@code jcmd JFR.dump}), and as the process of
 * its own that the application starts for a report that does not fit its heap
 * ({@link ReportProcess}).
 *
 * <pre>
 * java -jar flight-recorder-report.jar RECORDING.jfr [REPORT.html] [--trace-id=TRACE_ID]
 * </pre>
 *
 * The page is {@code REPORT.html}, by default the recording's name with {@code .html}; it
 * is written whole or not at all. With {@code --trace-id}, it opens at the observations of
 * that trace. Exit status: 0 when written, 1 when the recording cannot
 * be read or the page written, 2 for wrong arguments, 3 when it ran out of heap (give it more
 * with {@code -Xmx}), 4 when the time limit passed.
 */
public final class ReportCommand {

	private static final String USAGE = "Usage: java -jar flight-recorder-report.jar RECORDING.jfr [REPORT.html] "
			+ "[--trace-id=TRACE_ID]";

	private static final String OOM_SCORE_ADJ = "/proc/self/oom_score_adj";

	private ReportCommand() {
	}

	public static void main(String[] args) {
		System.exit(run(args));
	}

	static int run(String[] args) {
		Map<String, String> options = new HashMap<>();
		List<String> files = new ArrayList<>();
		for (String arg : args) {
			if (arg.startsWith("--") && arg.contains("=")) {
				options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
			}
			else {
				files.add(arg);
			}
		}
		if (files.isEmpty() || files.size() > 2) {
			System.err.println(USAGE);
			return 2;
		}
		TraceId traceId;
		try {
			traceId = options.containsKey("trace-id") ? TraceId.parse(options.get("trace-id")) : null;
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			return 2;
		}
		Path recording = Path.of(files.get(0));
		Path page = (files.size() > 1) ? Path.of(files.get(1))
				: recording.resolveSibling(recording.getFileName().toString().replaceFirst("\\.jfr$", "") + ".html");
		try {
			String parent = options.get("parent");
			if (parent != null) {
				endWithParent(Long.parseLong(parent), page);
			}
			Duration timeout = Duration.parse(options.getOrDefault("timeout", "PT10M"));
			write(recording, subject(recording, page, options, traceId), page, timeout);
			return 0;
		}
		catch (ReportRefusedException ex) {
			System.err.println(ex.getMessage());
			return 4;
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("The report of " + recording + " could not be written: " + ex);
			return 1;
		}
	}

	private static void write(Path recording, ReportSubject subject, Path page, Duration timeout) throws IOException {
		Path partial = partial(page);
		try {
			try (OutputStream out = Files.newOutputStream(partial)) {
				RecordingReport.build(recording, subject, out, new ReportGuard(timeout, Long.MAX_VALUE));
			}
			Files.move(partial, page, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(partial);
		}
	}

	/**
	 * Started by an application for one report: makes this the process the kernel kills
	 * first under memory pressure, and ends it, deleting what it was writing, when the
	 * application's JVM ends.
	 */
	private static void endWithParent(long parent, Path page) {
		Path score = Path.of(OOM_SCORE_ADJ);
		if (Files.isWritable(score)) {
			try {
				Files.writeString(score, "1000");
			}
			catch (IOException ex) {
				System.err.println("Could not raise " + OOM_SCORE_ADJ + ": " + ex);
			}
		}
		ProcessHandle.of(parent).ifPresentOrElse((handle) -> handle.onExit().thenRun(() -> orphaned(page)),
				() -> orphaned(page));
	}

	/**
	 * Deletes what this process was writing, and the directory of its own that
	 * {@link ReportProcess} made for it, then ends at once.
	 */
	private static void orphaned(Path page) {
		Path directory = page.toAbsolutePath().getParent();
		try {
			if (directory.getFileName().toString().startsWith(ReportProcess.DIRECTORY_PREFIX)) {
				DirectoryTrees.delete(directory);
			}
			else {
				Files.deleteIfExists(partial(page));
			}
		}
		catch (IOException ex) {
			System.err.println("Could not delete what the report wrote in " + directory + ": " + ex);
		}
		Runtime.getRuntime().halt(5);
	}

	private static Path partial(Path page) {
		return page.resolveSibling(page.getFileName() + ".part");
	}

	/**
	 * Returns the command line options that pass a subject to this command.
	 */
	static List<String> options(ReportSubject subject) {
		List<String> options = new ArrayList<>();
		option(options, "application", subject.application());
		option(options, "instance", subject.instance());
		option(options, "file-name", subject.fileName());
		option(options, "download", subject.download());
		option(options, "trigger", subject.trigger());
		option(options, "reason", subject.reason());
		option(options, "settings", subject.settings());
		option(options, "trace-id", (subject.traceId() != null) ? subject.traceId().toString() : null);
		return options;
	}

	private static void option(List<String> options, String name, @Nullable String value) {
		if (value != null) {
			options.add("--" + name + "=" + value);
		}
	}

	private static ReportSubject subject(Path recording, Path page, Map<String, String> options,
			@Nullable TraceId traceId) {
		String fileName = recording.getFileName().toString();
		Path directory = page.toAbsolutePath().getParent();
		String download = directory.equals(recording.toAbsolutePath().getParent()) ? fileName
				: recording.toAbsolutePath().toUri().toString();
		return new ReportSubject(options.getOrDefault("application", fileName.replaceFirst("\\.jfr$", "")),
				options.getOrDefault("instance", "not known: the report was built offline"),
				options.getOrDefault("file-name", fileName), options.getOrDefault("download", download),
				options.get("trigger"), options.get("reason"), options.get("settings"), traceId);
	}

}

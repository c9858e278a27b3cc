package io.flightrecorder.report;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.flightrecorder.internal.DirectoryTrees;

/**
 * Builds reports in a JVM of their own, {@link ReportCommand}, so that the application's
 * heap is never used for them. The JVM is this one's {@code java} with this one's class
 * path (through Spring Boot's {@code PropertiesLauncher} when this one was started from a
 * Boot jar, whose nested jars no plain JVM reads), and:
 * <ul>
 * <li>a heap of the report's estimated need, {@code -XX:+ExitOnOutOfMemoryError}, and no
 * {@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS} or {@code _JAVA_OPTIONS}, so that an
 * agent or a heap size meant for the application does not reach it;</li>
 * <li>on Linux, an {@code oom_score_adj} of 1000, which it sets itself: under a container's
 * memory limit the kernel kills it rather than the application;</li>
 * <li>a directory of its own for the page, its log and its {@code java.io.tmpdir}, deleted
 * whatever the outcome;</li>
 * <li>killed when it outlives the time limit by more than {@link #GRACE}, or when this is
 * closed; it ends itself, deleting what it wrote, when the application's JVM ends.</li>
 * </ul>
 */
final class ReportProcess implements AutoCloseable {

	/**
	 * How long past its time limit the JVM is given to end by itself (it checks the same
	 * limit), for its start and exit.
	 */
	static final Duration GRACE = Duration.ofSeconds(10);

	/**
	 * The exit status of a JVM that {@code -XX:+ExitOnOutOfMemoryError} ended.
	 */
	private static final int OUT_OF_MEMORY = 3;

	/**
	 * The exit status of a JVM killed with SIGKILL, as the kernel's OOM killer does.
	 */
	private static final int KILLED = 128 + 9;

	/**
	 * The start of the name of each report's directory in {@code java.io.tmpdir}.
	 */
	static final String DIRECTORY_PREFIX = "flight-recorder-report-";

	private static final String BOOT_LOADER = "org.springframework.boot.loader.";

	private final Set<Process> running = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	/**
	 * Writes the report of a recording, built in a JVM of its own. The stream is not
	 * closed.
	 * @param recording the {@code .jfr} file, only read
	 * @param subject what the header says about it
	 * @param out where to write the page
	 * @param heap the JVM's maximum heap in bytes
	 * @param timeout the time limit
	 * @throws IOException if the JVM cannot be started or the page copied
	 * @throws ReportRefusedException if the JVM failed, ran out of heap or time, or was
	 * killed
	 */
	void write(Path recording, ReportSubject subject, OutputStream out, long heap, Duration timeout)
			throws IOException {
		Path directory = Files.createTempDirectory(DIRECTORY_PREFIX);
		try {
			Path page = directory.resolve("report.html");
			Path log = directory.resolve("report.log");
			ProcessBuilder builder = new ProcessBuilder(command(recording, page, subject, heap, timeout, directory))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
			int exit = run(builder, timeout);
			if (exit != 0) {
				throw new ReportRefusedException(failure(exit, heap, log));
			}
			Files.copy(page, out);
		}
		finally {
			DirectoryTrees.delete(directory);
		}
	}

	private int run(ProcessBuilder builder, Duration timeout) throws IOException {
		Process process = builder.start();
		this.running.add(process);
		try {
			if (this.closed) {
				process.destroyForcibly();
			}
			if (!process.waitFor(timeout.plus(GRACE).toNanos(), TimeUnit.NANOSECONDS)) {
				process.destroyForcibly().waitFor();
				throw new ReportRefusedException("The report was abandoned: its process took longer than its time "
						+ "limit of " + timeout.toMillis() / 1000.0 + " s, and was killed");
			}
			return process.exitValue();
		}
		catch (InterruptedException ex) {
			process.destroyForcibly().onExit().join();
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while the report's process ran");
		}
		finally {
			this.running.remove(process);
		}
	}

	private String failure(int exit, long heap, Path log) throws IOException {
		if (this.closed) {
			return "The report was abandoned: the application is shutting down";
		}
		if (exit == OUT_OF_MEMORY) {
			return "The report's own process ran out of its " + ReportGuard.megabytes(heap)
					+ " heap; the application's heap was not used";
		}
		if (exit == KILLED) {
			return "The report's own process was killed (SIGKILL), most likely by the kernel under a memory limit; "
					+ "the application was not";
		}
		String[] lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).strip().split("\n");
		return String.format(Locale.ROOT, "The report's own process failed (exit status %d): %s", exit,
				lines[lines.length - 1].isEmpty() ? "no output" : lines[lines.length - 1]);
	}

	private static List<String> command(Path recording, Path page, ReportSubject subject, long heap, Duration timeout,
			Path directory) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + Math.max(1, heap / (1024 * 1024)) + "m");
		command.addAll(List.of("-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC",
				"-XX:-UsePerfData", "-Djava.io.tmpdir=" + directory, "-Djava.awt.headless=true"));
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		if (RecordingReport.class.getClassLoader().getClass().getName().startsWith(BOOT_LOADER)) {
			command.add("-Dloader.main=" + ReportCommand.class.getName());
			command.add(BOOT_LOADER + "launch.PropertiesLauncher");
		}
		else {
			command.add(ReportCommand.class.getName());
		}
		command.add("--parent=" + ProcessHandle.current().pid());
		command.add("--timeout=" + timeout);
		command.addAll(ReportCommand.options(subject));
		command.add(recording.toAbsolutePath().toString());
		command.add(page.toString());
		return command;
	}

	/**
	 * Kills the report's JVM, if one runs, and any started later.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.running.forEach(Process::destroyForcibly);
	}

}

package io.flightrecorder.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.flightrecorder.observation.FlightRecorderObservationHandler;
import io.flightrecorder.report.Findings.Finding;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jdk.jfr.Configuration;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.RuleRegistry;

import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Reports of a real recording of known work: a CPU-burning method, an allocating one, a
 * contended monitor, and an observed request that sleeps while the others run.
 */
class RecordingReportTests {

	private static final String WORKLOADS = Workloads.class.getName() + ".";

	private static final String SHARE_OF_ALL_TRACES = "Stackdepth Setting";

	private static final String SCRIPT_URI = "/<script>alert(1)</script>";

	private static final Pattern FRAME = Pattern.compile("<iframe id='([^']+)' sandbox='allow-scripts' data-page=\"([^\"]*)\">");

	@TempDir
	static Path directory;

	static Path recording;

	static volatile long sink;

	@BeforeAll
	static void recordKnownWork() throws Exception {
		recording = directory.resolve("work.jfr");
		try (Recording jfr = new Recording(Configuration.getConfiguration("default"))) {
			jfr.start();
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new FlightRecorderObservationHandler(Duration.ZERO, List.of(), List.of()));
			Object monitor = new Object();
			List<Thread> threads = new ArrayList<>();
			threads.add(new Thread(Workloads::burnCpu, "burner"));
			threads.add(new Thread(Workloads::allocate, "allocator"));
			for (int i = 0; i < 2; i++) {
				threads.add(new Thread(() -> Workloads.contend(monitor), "contender-" + i));
			}
			threads.add(new Thread(() -> Observation.createNotStarted("http.server.requests", registry)
				.lowCardinalityKeyValue("uri", SCRIPT_URI)
				.lowCardinalityKeyValue("status", "200")
				.observe(Workloads::sleepInRequest), "request"));
			threads.add(new Thread(() -> {
				UnnamedObservation unnamed = new UnnamedObservation();
				unnamed.begin();
				Workloads.sleepInRequest();
				unnamed.commit();
			}, "unnamed"));
			threads.forEach(Thread::start);
			for (Thread thread : threads) {
				thread.join();
			}
			jfr.stop();
			jfr.dump(recording);
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "IN_PROCESS", "OUT_OF_PROCESS" })
	void eachFlameGraphHoldsTheMethodThatDidItsWork(ReportOptions.Build build) throws Exception {
		String page = report(new RecordingReport(options(build, 0.5, Duration.ofSeconds(60))));
		assertThat(frames(page, "cpu-graph")).contains(WORKLOADS + "burnCpu").doesNotContain(WORKLOADS + "sleepInRequest");
		assertThat(frames(page, "allocation-graph")).contains(WORKLOADS + "allocate");
		assertThat(frames(page, "lock-graph")).contains(WORKLOADS + "contend");
		assertThat(frames(page, "wall-graph")).contains(WORKLOADS + "burnCpu", WORKLOADS + "sleepInRequest");
	}

	@Test
	void theSlowestObservationHasAFlameGraphOfItsOwnThreadOnly() throws Exception {
		String page = report(new RecordingReport());
		assertThat(page).contains("<td>http.server.requests</td>", "<td>request</td>");
		assertThat(frames(page, "observation-graph-0")).contains(WORKLOADS + "sleepInRequest")
			.doesNotContain(WORKLOADS + "burnCpu", WORKLOADS + "allocate", WORKLOADS + "contend");
	}

	@Test
	void aStringTheRecordingDoesNotHoldIsNeverShownAsNull() throws Exception {
		String page = report(new RecordingReport());
		assertThat(page).contains("<td>" + RecordingScan.MISSING + "</td>", "<td>unnamed</td>")
			.doesNotContain(">null<");
	}

	@Test
	void stringsFromTheRecordingAreEscaped() throws Exception {
		String page = report(new RecordingReport());
		assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert");
	}

	@ParameterizedTest
	@EnumSource(names = { "IN_PROCESS", "OUT_OF_PROCESS" })
	void theAnalysisTheChartAndTheHeaderAreThere(ReportOptions.Build build) throws Exception {
		String page = report(new RecordingReport(options(build, 0.5, Duration.ofSeconds(60))));
		assertThat(page).contains("<tr class='finding'>", "id='timeline-chart'", "class='cpu-jvm'",
				"<dd>orders</dd>", "<dd>pod-1 (pid 7)</dd>", "<dd>slow request</dd>", "<dd>profile + 1 event settings</dd>", "href='../work.jfr'");
		assertThat(page).as("nothing loaded from elsewhere").doesNotContain(" src=", "url(", "@import");
	}

	@Test
	void aSecondReportIsRefusedWhileOneIsBuilt() throws Exception {
		RecordingReport report = new RecordingReport();
		CompletableFuture<Void> writing = new CompletableFuture<>();
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
			try (RecordingReport.Permit permit = report.start()) {
				permit.write(recording, subject(), new OutputStream() {

					@Override
					public void write(int b) {
						writing.complete(null);
						try {
							release.await();
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
					}

				});
			}
			catch (Exception ex) {
				throw new CompletionException(ex);
			}
		}, (task) -> new Thread(task, "first report").start());
		// the first report writes, or its failure fails this test
		CompletableFuture.anyOf(first, writing).get(60, TimeUnit.SECONDS);
		assertThatExceptionOfType(ReportActiveException.class).isThrownBy(report::start)
			.withMessageContaining("only one runs at a time");
		release.countDown();
		first.join();
		assertThat(report(report)).contains("<tr class='finding'>");
	}

	/**
	 * The same rules apply with the same summary, and all but one with the same severity.
	 * The figures some rules give as a share of the whole recording (its time span, all its
	 * stack traces) can differ a little, as events no rule reads are not loaded; for
	 * {@value #SHARE_OF_ALL_TRACES}, whose severity comes from the share of all stack traces
	 * that were truncated, that can cross its threshold (a JDK 25 run: WARNING where every
	 * event loaded gives INFO).
	 */
	@Test
	void theAnalysisFindsWhatItFindsWithEveryEventLoaded() throws Exception {
		List<IRule> rules = List.copyOf(RuleRegistry.getRules());
		ReportGuard guard = new ReportGuard(Duration.ofMinutes(5), Long.MAX_VALUE);
		Findings everyEvent = Findings.of(rules, JfrLoaderToolkit.loadEvents(recording.toFile()), guard);
		Findings ruleEvents = Findings.evaluate(recording, guard);
		assertThat(everyEvent.findings()).isNotEmpty();
		assertThat(ruleEvents.findings()).extracting(Finding::rule, Finding::summary)
			.containsExactlyInAnyOrderElementsOf(everyEvent.findings()
				.stream()
				.map((finding) -> tuple(finding.rule(), finding.summary()))
				.toList());
		assertThat(ruleEvents.findings()).filteredOn((finding) -> !finding.rule().equals(SHARE_OF_ALL_TRACES))
			.extracting(Finding::rule, Finding::severity)
			.containsExactlyInAnyOrderElementsOf(everyEvent.findings()
				.stream()
				.filter((finding) -> !finding.rule().equals(SHARE_OF_ALL_TRACES))
				.map((finding) -> tuple(finding.rule(), finding.severity()))
				.toList());
		assertThat(ruleEvents.failedRules()).isEqualTo(everyEvent.failedRules());
	}

	@Test
	void aReportThatDoesNotFitTheHeapItMayUseIsRefusedWithTheFigures() throws Exception {
		RecordingReport report = new RecordingReport(options(ReportOptions.Build.IN_PROCESS, 0.0001, Duration.ofSeconds(60)));
		assertThatExceptionOfType(ReportRefusedException.class).isThrownBy(() -> report(report))
			.withMessageMatching("The report of this [0-9.]+ MB recording needs about [0-9.]+ MB of heap, and this JVM "
					+ "may give it [0-9.]+ MB \\(0% of the [0-9.]+ MB left free after the last garbage collection, of "
					+ "[0-9.]+ MB at most\\)");
		assertThat(leftInTemporaryDirectory()).isEmpty();
	}

	@Test
	void aReportThatNeedsMoreThanItsProcessMayTakeIsRefused() {
		RecordingReport report = new RecordingReport(new ReportOptions(ReportOptions.Build.OUT_OF_PROCESS, 0.5,
				Duration.ofSeconds(60), 1024 * 1024));
		assertThatExceptionOfType(ReportRefusedException.class).isThrownBy(() -> report(report))
			.withMessageContaining("more than the 1.0 MB its own process may take");
	}

	@ParameterizedTest
	@EnumSource(names = { "IN_PROCESS", "OUT_OF_PROCESS" })
	void aReportPastItsTimeLimitIsAbandonedAndLeavesNothing(ReportOptions.Build build) throws Exception {
		RecordingReport report = new RecordingReport(options(build, 0.5, Duration.ofMillis(1)));
		assertThatExceptionOfType(ReportRefusedException.class).isThrownBy(() -> report(report))
			.withMessageContaining("took longer than its time limit of 0.001 s");
		assertThat(leftInTemporaryDirectory()).isEmpty();
		assertThat(report(new RecordingReport())).contains("<tr class='finding'>");
	}

	@Test
	void closingTheBuilderKillsTheReportsProcessAndLeavesNothing() throws Exception {
		RecordingReport report = new RecordingReport(options(ReportOptions.Build.OUT_OF_PROCESS, 0.5,
				Duration.ofSeconds(60)));
		CompletableFuture<String> page = CompletableFuture.supplyAsync(() -> {
			try {
				return report(report);
			}
			catch (Exception ex) {
				throw new CompletionException(ex);
			}
		});
		await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.current().children().findAny().isPresent());
		ProcessHandle child = ProcessHandle.current().children().findAny().orElseThrow();
		report.close();
		assertThatExceptionOfType(CompletionException.class).isThrownBy(page::join)
			.havingCause()
			.isInstanceOf(ReportRefusedException.class)
			.withMessageContaining("the application is shutting down");
		assertThat(child.isAlive()).isFalse();
		assertThat(leftInTemporaryDirectory()).isEmpty();
	}

	@Test
	void theCommandWritesThePageOfARecordingOffline(@TempDir Path out) throws Exception {
		Path page = out.resolve("page.html");
		assertThat(ReportCommand.run(new String[] { recording.toString(), page.toString() })).isZero();
		assertThat(Files.readString(page)).contains("<tr class='finding'>", "id='timeline-chart'", "<dd>work</dd>",
				"href='" + recording.toUri() + "'");
		try (Stream<Path> files = Files.list(out)) {
			assertThat(files).containsExactly(page);
		}
	}

	/**
	 * The report's own JVM, once the application's JVM is gone (here: was never there),
	 * deletes the directory it was given and ends.
	 */
	@Test
	void theCommandEndsAndDeletesItsDirectoryWhenTheApplicationIsGone(@TempDir Path out) throws Exception {
		Process gone = new ProcessBuilder("true").start();
		gone.waitFor();
		Path directory = Files.createDirectories(out.resolve(ReportProcess.DIRECTORY_PREFIX + "test"));
		Files.writeString(directory.resolve("report.log"), "started");
		Process command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), ReportCommand.class.getName(), "--parent=" + gone.pid(),
				recording.toString(), directory.resolve("report.html").toString())
			.redirectErrorStream(true)
			.start();
		assertThat(command.waitFor()).isEqualTo(5);
		assertThat(directory).doesNotExist();
	}

	@Test
	void theCommandSaysWhatWasWrong(@TempDir Path out) {
		assertThat(ReportCommand.run(new String[0])).isEqualTo(2);
		assertThat(ReportCommand.run(new String[] { out.resolve("missing.jfr").toString() })).isEqualTo(1);
		assertThat(out).isEmptyDirectory();
	}

	@Test
	void aClosedPermitWritesNothing() {
		RecordingReport report = new RecordingReport();
		RecordingReport.Permit permit = report.start();
		permit.close();
		permit.close();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> permit.write(recording, subject(), new ByteArrayOutputStream()));
		report.start().close();
	}

	private static ReportOptions options(ReportOptions.Build build, double heapShare, Duration timeout) {
		return new ReportOptions(build, heapShare, timeout, ReportOptions.DEFAULTS.maxProcessHeap());
	}

	/**
	 * Returns what reports left in {@code java.io.tmpdir}: their processes' directories.
	 */
	private static List<Path> leftInTemporaryDirectory() throws IOException {
		try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			return files.filter((file) -> file.getFileName().toString().startsWith("flight-recorder-report-")).toList();
		}
	}

	private static String report(RecordingReport report) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (RecordingReport.Permit permit = report.start()) {
			permit.write(recording, subject(), out);
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	private static ReportSubject subject() {
		return new ReportSubject("orders", "pod-1 (pid 7)", "work.jfr", "../work.jfr", "slow-observation",
				"slow request", "profile + 1 event settings", null);
	}

	private static List<String> frames(String page, String id) {
		return FlameGraphPages.frames(frame(page, id));
	}

	/**
	 * Returns the page of a flame graph frame, unescaped.
	 */
	private static String frame(String page, String id) {
		Matcher matcher = FRAME.matcher(page);
		while (matcher.find()) {
			if (matcher.group(1).equals(id)) {
				return HtmlUtils.htmlUnescape(matcher.group(2));
			}
		}
		throw new AssertionError("No frame " + id);
	}

	/**
	 * An observation event as a recording can hold it without a name or any other field, such
	 * as one written by another version.
	 */
	@Name("io.flightrecorder.Observation")
	static final class UnnamedObservation extends Event {

	}

	static final class Workloads {

		private Workloads() {
		}

		static void burnCpu() {
			long deadline = System.nanoTime() + 600_000_000L;
			long sum = 0;
			while (System.nanoTime() < deadline) {
				for (int i = 0; i < 10_000; i++) {
					sum += Long.numberOfTrailingZeros(i * 31L + sum);
				}
			}
			sink = sum;
		}

		static void allocate() {
			long deadline = System.nanoTime() + 600_000_000L;
			while (System.nanoTime() < deadline) {
				byte[] block = new byte[256 * 1024];
				sink += block.length;
			}
		}

		static void contend(Object monitor) {
			for (int i = 0; i < 6; i++) {
				synchronized (monitor) {
					try {
						Thread.sleep(50);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}
		}

		static void sleepInRequest() {
			try {
				Thread.sleep(300);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}

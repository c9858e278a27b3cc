package io.flightrecorder.report;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.flightrecorder.observation.FlightRecorderObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reports of a real recording of known work: a CPU-burning method, an allocating one, a
 * contended monitor, and an observed request that sleeps while the others run.
 */
class RecordingReportTests {

	private static final String WORKLOADS = Workloads.class.getName() + ".";

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
			threads.forEach(Thread::start);
			for (Thread thread : threads) {
				thread.join();
			}
			jfr.stop();
			jfr.dump(recording);
		}
	}

	@Test
	void eachFlameGraphHoldsTheMethodThatDidItsWork() throws Exception {
		String page = report(new RecordingReport());
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
	void stringsFromTheRecordingAreEscaped() throws Exception {
		String page = report(new RecordingReport());
		assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert");
	}

	@Test
	void theAnalysisTheChartAndTheHeaderAreThere() throws Exception {
		String page = report(new RecordingReport());
		assertThat(page).contains("<tr class='finding'>", "id='timeline-chart'", "class='cpu-jvm'",
				"<dd>orders</dd>", "<dd>pod-1 (pid 7)</dd>", "<dd>slow request</dd>", "<dd>profile + 1 event settings</dd>", "href='../work.jfr'");
		assertThat(page).as("nothing loaded from elsewhere").doesNotContain(" src=", "url(", "@import");
	}

	@Test
	void aSecondReportIsRefusedWhileOneIsBuilt() throws Exception {
		RecordingReport report = new RecordingReport();
		CountDownLatch writing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread first = new Thread(() -> {
			try (RecordingReport.Permit permit = report.start()) {
				permit.write(recording, subject(), new OutputStream() {

					@Override
					public void write(int b) {
						writing.countDown();
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
				throw new IllegalStateException(ex);
			}
		});
		first.start();
		writing.await();
		assertThatExceptionOfType(ReportActiveException.class).isThrownBy(report::start)
			.withMessageContaining("only one runs at a time");
		release.countDown();
		first.join();
		assertThat(report(report)).contains("<tr class='finding'>");
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

	private static String report(RecordingReport report) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (RecordingReport.Permit permit = report.start()) {
			permit.write(recording, subject(), out);
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	private static ReportSubject subject() {
		return new ReportSubject("orders", "pod-1 (pid 7)", "work.jfr", "../work.jfr", "slow-observation",
				"slow request", "profile + 1 event settings");
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
				return matcher.group(2)
					.replace("&lt;", "<")
					.replace("&gt;", ">")
					.replace("&quot;", "\"")
					.replace("&#39;", "'")
					.replace("&amp;", "&");
			}
		}
		throw new AssertionError("No frame " + id);
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

package io.flightrecorder.sample;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report of a full ring in an application with a production-like heap, as issue 26 found
 * it taking the application down: a 40 MB ring holding over 30 MB, mostly the application's
 * own small events, under a load of allocation and CPU requests, in a JVM with
 * {@code -XX:+ExitOnOutOfMemoryError}. The report is the page, built in a JVM of its own, or
 * a 503 that says why; either way the application lives on, unharmed, and nothing is left in
 * its temporary directory.
 */
class ReportHeapSafetyTests {

	@ParameterizedTest(name = "-Xmx{0}")
	@ValueSource(strings = { "256m", "160m" })
	void theReportOfAFullRingLeavesTheApplicationUnharmed(String heap, @TempDir Path dir) throws Exception {
		Path tmp = Files.createDirectories(dir.resolve("tmp"));
		List<String> jvm = List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + tmp);
		String[] arguments = { "--flight-recorder.size=40MB", "--flight-recorder.period=60s",
				"--flight-recorder.dumps.directory=" + dir.resolve("dumps"),
				"--flight-recorder.triggers.slow-observation.enabled=false",
				"--flight-recorder.triggers.error.enabled=false" };
		try (SampleAppProcess app = SampleAppProcess.start(dir, jvm, Map.of(), arguments)) {
			SampleAppClient client = app.client();
			AtomicBoolean loading = new AtomicBoolean(true);
			CompletableFuture<?> load = CompletableFuture.allOf(
					CompletableFuture.runAsync(() -> repeat(client, "/alloc?megabytes=32", loading)),
					CompletableFuture.runAsync(() -> repeat(client, "/cpu?n=300000", loading)));
			try {
				long retained = client.fillRing(32_000_000);
				assertThat(retained).as("bytes the ring holds").isGreaterThan(30_000_000);
				long start = System.nanoTime();
				HttpResponse<String> report = client.get("/actuator/flightrecording/report",
						HttpResponse.BodyHandlers.ofString());
				System.out.printf("-Xmx%s, ring of %d bytes: report %d in %.1f s: %s%n", heap, retained,
						report.statusCode(), (System.nanoTime() - start) / 1e9,
						(report.statusCode() == 200) ? report.body().length() + " chars" : report.body());
				if (report.statusCode() == 200) {
					assertThat(report.body()).contains("<tr class='finding'>", "id='cpu-graph'", "id='timeline-chart'");
				}
				else {
					assertThat(report.statusCode()).isEqualTo(503);
					assertThat(report.body()).contains("What works instead", "flight-recorder.size");
				}
			}
			finally {
				loading.set(false);
				load.join();
			}
			assertThat(client.get("/actuator/health", HttpResponse.BodyHandlers.ofString()).body())
				.contains("\"flightRecorder\":{\"details\":{\"running\":true")
				.endsWith("\"status\":\"UP\"}");
			HttpResponse<Path> snapshot = client.snapshot(HttpResponse.BodyHandlers.ofFile(dir.resolve("after.jfr")));
			assertThat(snapshot.statusCode()).isEqualTo(200);
			assertThat(RecordingFile.readAllEvents(snapshot.body())).isNotEmpty();
			assertThat(leftBehind(tmp)).isEmpty();
		}
		assertThat(Files.readString(dir.resolve("app.log"))).contains("Started SampleApplication")
			.doesNotContain("OutOfMemoryError");
	}

	private static void repeat(SampleAppClient client, String path, AtomicBoolean loading) {
		while (loading.get()) {
			assertThat(client.anonymous(path, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
		}
	}

	/**
	 * Returns what the recorder and its reports left in the temporary directory: snapshot
	 * files and the reports' own directories. The JFR repository and Tomcat's directories
	 * belong to the running JVM.
	 */
	private static List<Path> leftBehind(Path tmp) throws IOException {
		try (Stream<Path> files = Files.list(tmp)) {
			return files.filter((file) -> file.getFileName().toString().startsWith("flight-recorder")
					|| file.getFileName().toString().endsWith(".jfr")).toList();
		}
	}

}

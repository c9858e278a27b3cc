package io.flightrecorder.sample;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.dump.SavedDumps;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	@TempDir
	static Path dumpsDirectory;

	@DynamicPropertySource
	static void dumpsInATemporaryDirectory(DynamicPropertyRegistry properties) {
		properties.add("flight-recorder.dumps.directory", () -> dumpsDirectory.toString());
	}

	@LocalServerPort
	private int port;

	@Autowired
	private SavedDumps dumps;

	private SampleAppClient client() {
		return new SampleAppClient("localhost", this.port);
	}

	private <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> body) {
		return client().get(path, body);
	}

	@Test
	void snapshotAfterWorkHoldsWhatTheWorkDid(@TempDir Path dir) throws Exception {
		CompletableFuture<?> contention = CompletableFuture.allOf(
				CompletableFuture.runAsync(() -> get("/lock?millis=300", HttpResponse.BodyHandlers.discarding())),
				CompletableFuture.runAsync(() -> get("/lock?millis=300", HttpResponse.BodyHandlers.discarding())));
		assertThat(get("/cpu?n=2000000", HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		assertThat(get("/alloc?megabytes=64", HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		assertThat(get("/slow?millis=100", HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		contention.get();

		HttpResponse<Path> snapshot = client().snapshot(HttpResponse.BodyHandlers.ofFile(dir.resolve("snapshot.jfr")));
		assertThat(snapshot.statusCode()).isEqualTo(200);
		assertThat(snapshot.headers().firstValue("Content-Disposition").orElseThrow())
			.startsWith("attachment; filename=\"sample-app-");
		List<RecordedEvent> events = RecordingFile.readAllEvents(snapshot.body());
		assertThat(events).extracting((event) -> event.getEventType().getName())
			.contains("jdk.ExecutionSample", "jdk.JavaMonitorEnter", "jdk.ThreadSleep", "jdk.GarbageCollection");
		assertThat(Files.size(snapshot.body())).isLessThanOrEqualTo(10L * 1024 * 1024);
	}

	@Test
	void recorderMetricsAreScrapedByPrometheus() {
		assertThat(client().snapshot(HttpResponse.BodyHandlers.discarding()).statusCode())
			.isEqualTo(200);
		String scrape = get("/actuator/prometheus", HttpResponse.BodyHandlers.ofString()).body();
		assertThat(scrape).contains("flightrecorder_running 1.0")
			.containsPattern("flightrecorder_retained_bytes [1-9]")
			.containsPattern("flightrecorder_snapshot_seconds_count\\{[^}]*outcome=\"success\"[^}]*\\} [1-9]")
			.containsPattern("flightrecorder_snapshot_size_bytes_count [1-9]");
	}

	@Test
	void requestsAreRecordedAsObservationEvents(@TempDir Path dir) throws Exception {
		assertThat(get("/slow?millis=50", HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
		HttpResponse<Path> snapshot = client().snapshot(HttpResponse.BodyHandlers.ofFile(dir.resolve("snapshot.jfr")));
		assertThat(RecordingFile.readAllEvents(snapshot.body()))
			.filteredOn((event) -> event.getEventType().getName().equals("io.flightrecorder.Observation"))
			.anySatisfy((event) -> {
				assertThat(event.getString("uri")).isEqualTo("/slow");
				assertThat(event.getString("status")).isEqualTo("200");
				assertThat(event.getDuration()).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(50));
			})
			.noneSatisfy((event) -> assertThat(event.getString("name")).startsWith("spring.security."));
	}

	@Test
	@SuppressWarnings("unchecked")
	void healthIsExposedAndShowsTheRecorderToTheOperator() {
		Map<String, Object> health = JsonParserFactory.getJsonParser()
			.parseMap(get("/actuator/health", HttpResponse.BodyHandlers.ofString()).body());
		Map<String, Object> recorder = (Map<String, Object>) ((Map<String, Object>) health.get("components"))
			.get("flightRecorder");
		assertThat(recorder).containsEntry("status", "UP");
		assertThat((Map<String, Object>) recorder.get("details")).containsEntry("running", true)
			.containsEntry("settings", "default")
			.containsKeys("repository")
			.hasEntrySatisfying("retainedBytes", (bytes) -> assertThat(((Number) bytes).longValue()).isNotNegative())
			.hasEntrySatisfying("freeBytes", (bytes) -> assertThat(((Number) bytes).longValue()).isPositive());
	}

	@Test
	void aBoostNeedsTheOperatorAndEndsOnDelete() {
		SampleAppClient client = client();
		String profile = "{\"settings\":\"profile\",\"duration\":\"1m\"}";
		HttpResponse<String> anonymous = client.send(client.request("/actuator/flightrecording")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(profile)), HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		HttpResponse<String> boost = client.send(client.request("/actuator/flightrecording")
			.header("Authorization", SampleAppClient.basic("ops", "flight-recorder"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(profile)), HttpResponse.BodyHandlers.ofString());
		assertThat(boost.statusCode()).isEqualTo(200);
		assertThat(boost.body()).contains("\"settings\":\"profile\"");
		assertThat(get("/actuator/health", HttpResponse.BodyHandlers.ofString()).body())
			.contains("\"settings\":\"boost 'profile' until ");
		HttpResponse<String> end = client.send(client.request("/actuator/flightrecording")
			.header("Authorization", SampleAppClient.basic("ops", "flight-recorder"))
			.DELETE(), HttpResponse.BodyHandlers.ofString());
		assertThat(end.statusCode()).isEqualTo(204);
		assertThat(get("/actuator/health", HttpResponse.BodyHandlers.ofString()).body())
			.contains("\"settings\":\"default\"");
	}

	@Test
	void actuatorEndpointsOtherThanHealthNeedTheOperator() throws Exception {
		SampleAppClient client = client();
		HttpResponse<String> anonymous = client.anonymous("/actuator/flightrecording",
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic");
		HttpResponse<String> wrongPassword = client.send(
				client.request("/actuator/flightrecording").header("Authorization", SampleAppClient.basic("ops", "guess")),
				HttpResponse.BodyHandlers.ofString());
		assertThat(wrongPassword.statusCode()).isEqualTo(401);
		assertThat(client().snapshot(HttpResponse.BodyHandlers.discarding()).statusCode())
			.isEqualTo(200);
		assertThat(client.anonymous("/actuator/health", HttpResponse.BodyHandlers.ofString()).statusCode())
			.isEqualTo(200);
		assertThat(client.anonymous("/cpu?n=10", HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
	}

	@Test
	void aSlowRequestLeavesADumpThatTheOperatorListsDownloadsAndDeletes(@TempDir Path dir) throws Exception {
		assertThat(get("/slow?millis=1200", HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
		SavedDump dump = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.dumps.list().stream().filter((saved) -> saved.reason().contains("uri=/slow")).findFirst(),
					Optional::isPresent)
			.orElseThrow();
		assertThat(dump.name()).matches("sample-app-\\d{8}T\\d{9}Z-slow-observation\\.jfr");
		assertThat(get("/actuator/flightdumps", HttpResponse.BodyHandlers.ofString()).body())
			.contains("\"name\":\"" + dump.name() + "\"");
		HttpResponse<Path> download = get("/actuator/flightdumps/" + dump.name(),
				HttpResponse.BodyHandlers.ofFile(dir.resolve(dump.name())));
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(RecordingFile.readAllEvents(download.body()))
			.filteredOn((event) -> event.getEventType().getName().equals("io.flightrecorder.Observation"))
			.anySatisfy((event) -> assertThat(event.getString("uri")).isEqualTo("/slow"));
		SampleAppClient client = client();
		assertThat(client.anonymous("/actuator/flightdumps", HttpResponse.BodyHandlers.discarding()).statusCode())
			.isEqualTo(401);
		assertThat(client.send(client.request("/actuator/flightdumps/" + dump.name())
			.header("Authorization", SampleAppClient.basic("ops", "flight-recorder"))
			.DELETE(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
		assertThat(this.dumps.file(dump.name())).isEmpty();
	}

}

package io.flightrecorder.sample;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	@LocalServerPort
	private int port;

	private <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> body) {
		return new SampleAppClient("localhost", this.port).get(path, body);
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

		HttpResponse<Path> snapshot = get("/actuator/flightrecording",
				HttpResponse.BodyHandlers.ofFile(dir.resolve("snapshot.jfr")));
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
		assertThat(get("/actuator/flightrecording", HttpResponse.BodyHandlers.discarding()).statusCode())
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
		HttpResponse<Path> snapshot = get("/actuator/flightrecording",
				HttpResponse.BodyHandlers.ofFile(dir.resolve("snapshot.jfr")));
		assertThat(RecordingFile.readAllEvents(snapshot.body()))
			.filteredOn((event) -> event.getEventType().getName().equals("io.flightrecorder.Observation"))
			.anySatisfy((event) -> {
				assertThat(event.getString("uri")).isEqualTo("/slow");
				assertThat(event.getString("status")).isEqualTo("200");
				assertThat(event.getDuration()).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(50));
			});
	}

	@Test
	void healthIsExposedAndShowsTheRecorderToTheOperator() {
		assertThat(get("/actuator/health", HttpResponse.BodyHandlers.ofString()).body())
			.containsPattern("\"flightRecorder\":\\{\"details\":\\{\"running\":true,\"retainedBytes\":\\d+,"
					+ "\"repository\":\"[^\"]+\",\"freeBytes\":\\d+\\},\"status\":\"UP\"\\}");
	}

	@Test
	void actuatorEndpointsOtherThanHealthNeedTheOperator() throws Exception {
		SampleAppClient client = new SampleAppClient("localhost", this.port);
		HttpResponse<String> anonymous = client.anonymous("/actuator/flightrecording",
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic");
		HttpResponse<String> wrongPassword = client.send(
				client.request("/actuator/flightrecording").header("Authorization", SampleAppClient.basic("ops", "guess")),
				HttpResponse.BodyHandlers.ofString());
		assertThat(wrongPassword.statusCode()).isEqualTo(401);
		assertThat(get("/actuator/flightrecording", HttpResponse.BodyHandlers.discarding()).statusCode())
			.isEqualTo(200);
		assertThat(client.anonymous("/actuator/health", HttpResponse.BodyHandlers.ofString()).statusCode())
			.isEqualTo(200);
		assertThat(client.anonymous("/cpu?n=10", HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
	}

}

package io.flightrecorder.opentelemetry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.dump.SavedDump;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application traced by OpenTelemetry through Spring Boot's
 * {@code spring-boot-starter-opentelemetry}, with W3C {@code traceparent} propagation: each
 * request's observation event carries the trace ID its caller sent, and the dump that holds
 * it is found by that ID.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.tracing.sampling.probability=1.0",
				"management.endpoints.web.exposure.include=flightrecording,flightdumps",
				"flight-recorder.dumps.directory=target/dumps",
				// nothing here receives OTLP
				"management.otlp.metrics.export.enabled=false" })
class OpenTelemetryTraceTests {

	private static final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private DumpTriggers triggers;

	@TempDir
	Path directory;

	@Test
	void aRequestsEventCarriesItsTraceIdAndItsDumpIsFoundByIt() throws Exception {
		String trace = newTraceId();
		assertThat(get("/work", "00-" + trace + "-00f067aa0ba902b7-01").statusCode()).isEqualTo(200);
		RecordedEvent event = observation("/work", trace);
		assertThat(event.getString("spanId")).hasSize(16).isNotEqualTo("00f067aa0ba902b7");
		assertThat(event.getString("name")).isEqualTo("http.server.requests");

		SavedDump dump = this.triggers.fire("manual", "after a traced request").get();
		HttpResponse<String> found = get("/actuator/flightdumps?traceId=" + trace, null);
		assertThat(found.statusCode()).isEqualTo(200);
		assertThat(found.body()).contains("\"name\":\"" + dump.name() + "\"").contains("\"uri\":\"/work\"");
	}

	/**
	 * What happens to a request its caller did not sample: OpenTelemetry makes its span a
	 * non-recording one that still has the trace's ID, so the event carries that ID and the
	 * request can be found by it, though the tracing backend holds no span of it.
	 */
	@Test
	void aSampledOutRequestsEventCarriesItsTraceIdAllTheSame() throws Exception {
		String trace = newTraceId();
		assertThat(get("/work", "00-" + trace + "-00f067aa0ba902b7-00").statusCode()).isEqualTo(200);
		assertThat(observation("/work", trace).getString("traceId")).isEqualTo(trace);
	}

	private RecordedEvent observation(String uri, String trace) throws Exception {
		Path snapshot = this.directory.resolve("snapshot.jfr");
		HttpResponse<Path> response = client.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/flightrecording")).build(),
				HttpResponse.BodyHandlers.ofFile(snapshot));
		assertThat(response.statusCode()).isEqualTo(200);
		List<RecordedEvent> events = RecordingFile.readAllEvents(snapshot);
		Files.delete(snapshot);
		return events.stream()
			.filter((event) -> event.getEventType().getName().equals("io.flightrecorder.Observation"))
			.filter((event) -> uri.equals(event.getString("uri")))
			.filter((event) -> trace.equals(event.getString("traceId")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No observation of " + uri + " with trace " + trace));
	}

	private HttpResponse<String> get(String path, String traceparent) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (traceparent != null) {
			request.header("traceparent", traceparent);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String newTraceId() {
		return HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
	}

	@SpringBootApplication
	@RestController
	static class TracedApplication {

		@GetMapping("/work")
		String work() throws InterruptedException {
			Thread.sleep(20);
			return "done";
		}

	}

}

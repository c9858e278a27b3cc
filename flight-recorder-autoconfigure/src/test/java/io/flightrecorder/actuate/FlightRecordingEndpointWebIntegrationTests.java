package io.flightrecorder.actuate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.MarkerEvent;
import io.flightrecorder.Recordings;
import io.flightrecorder.Snapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The endpoint over a real port, on Spring MVC and on Spring WebFlux.
 */
class FlightRecordingEndpointWebIntegrationTests {

	private static final String PATH = "/actuator/flightrecording";

	private static final String EXPOSED = "management.endpoints.web.exposure.include=flightrecording";

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void snapshotIsServedAsAJfrFileWithItsNameAndLength(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = WebApplications.start(type, EXPOSED,
				"spring.application.name=orders service")) {
			String marker = UUID.randomUUID().toString();
			MarkerEvent.commit(marker);
			HttpResponse<byte[]> response = WebApplications.get(context, PATH);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
			assertThat(response.headers().firstValue("Content-Length"))
				.hasValue(String.valueOf(response.body().length));
			assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
				.matches("attachment; filename=\"orders_service-\\d{8}T\\d{6}Z\\.jfr\"");
			assertThat(Recordings.markers(response.body())).contains(marker);
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void headTakesNoSnapshotAndNeverConflicts(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = WebApplications.start(type, EXPOSED,
				"spring.application.name=orders service")) {
			FlightRecorder recorder = context.getBean(FlightRecorder.class);
			AtomicInteger snapshots = countSnapshots(recorder);
			try (Snapshot open = recorder.snapshot()) {
				for (int i = 0; i < 5; i++) {
					HttpResponse<byte[]> head = WebApplications.send(context, "HEAD", PATH);
					assertThat(head.statusCode()).isEqualTo(200);
					assertThat(head.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
					assertThat(head.headers().firstValue("Content-Disposition").orElseThrow())
						.matches("attachment; filename=\"orders_service-\\d{8}T\\d{6}Z\\.jfr\"");
					assertThat(head.body()).isEmpty();
				}
				assertThat(WebApplications.get(context, PATH).statusCode()).isEqualTo(409);
			}
			assertThat(snapshots).hasValue(2);
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void onAManagementPortOfItsOwnHeadTakesNoSnapshotAndTheApplicationsPortDoesNotServeTheEndpoint(
			WebApplicationType type) throws Exception {
		// both Tomcat and Reactor Netty are on the tests' class path, and each registers the
		// factory of WebFlux's management context: one must replace the other
		try (ConfigurableApplicationContext context = WebApplications.start(type, EXPOSED,
				"management.server.port=0", "spring.main.allow-bean-definition-overriding=true")) {
			int management = WebApplications.managementPort(context);
			assertThat(management).isNotEqualTo(WebApplications.port(context));
			FlightRecorder recorder = context.getBean(FlightRecorder.class);
			AtomicInteger snapshots = countSnapshots(recorder);
			try (Snapshot open = recorder.snapshot()) {
				HttpResponse<byte[]> head = WebApplications.send(context, management, "HEAD", PATH, null);
				assertThat(head.statusCode()).isEqualTo(200);
				assertThat(head.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
				assertThat(WebApplications.send(context, management, "GET", PATH, null).statusCode()).isEqualTo(409);
				assertThat(WebApplications.send(context, "HEAD", PATH).statusCode()).isEqualTo(404);
				assertThat(WebApplications.get(context, PATH).statusCode()).isEqualTo(404);
			}
			String marker = UUID.randomUUID().toString();
			MarkerEvent.commit(marker);
			HttpResponse<byte[]> snapshot = WebApplications.send(context, management, "GET", PATH, null);
			assertThat(snapshot.statusCode()).isEqualTo(200);
			assertThat(Recordings.markers(snapshot.body())).contains(marker);
			assertThat(snapshots).as("the open one, the GET refused and the last GET").hasValue(3);
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void aClientThatWaitsForEachResponseNeverGetsAConflict(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = WebApplications.start(type, EXPOSED)) {
			for (int i = 0; i < 40; i++) {
				String method = (i % 4 == 0) ? "HEAD" : "GET";
				assertThat(WebApplications.send(context, method, PATH).statusCode()).as("%s number %d", method, i)
					.isEqualTo(200);
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void fileIsNamedApplicationWithoutAnApplicationName(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = WebApplications.start(type, EXPOSED)) {
			HttpResponse<byte[]> response = WebApplications.get(context, PATH);
			assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
				.matches("attachment; filename=\"application-\\d{8}T\\d{6}Z\\.jfr\"");
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void conflictWhileASlowClientHoldsASnapshotOpen(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = WebApplications.start(type, EXPOSED,
				"flight-recorder.size=256MB", "flight-recorder.period=60s")) {
			Recordings.fill(32 * 1024 * 1024);
			try (Socket slowClient = new Socket()) {
				slowClient.setReceiveBufferSize(4096);
				slowClient.connect(new InetSocketAddress("localhost", WebApplications.port(context)));
				OutputStream request = slowClient.getOutputStream();
				request.write(("GET " + PATH + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
				request.flush();
				InputStream response = slowClient.getInputStream();
				byte[] head = response.readNBytes(12);
				assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
				HttpResponse<byte[]> rejected = WebApplications.get(context, PATH);
				assertThat(rejected.statusCode()).isEqualTo(409);
				assertThat(rejected.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
				assertThat(new String(rejected.body(), StandardCharsets.UTF_8)).contains("\"status\":409")
					.contains("Another flight recorder snapshot is being written");
			}
			await().atMost(Duration.ofSeconds(60))
				.until(() -> WebApplications.get(context, PATH).statusCode() == 200);
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void serviceUnavailableWhenTheRecorderIsStopped(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = WebApplications.start(type, EXPOSED)) {
			context.getBean(FlightRecorder.class).stop();
			HttpResponse<byte[]> response = WebApplications.get(context, PATH);
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
			assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"status\":503")
				.contains("not started");
			assertThat(WebApplications.send(context, "HEAD", PATH).statusCode()).isEqualTo(503);
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void notFoundWhenNotExposed(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = WebApplications.start(type)) {
			assertThat(context.getBean(FlightRecorder.class).isEnabled()).isTrue();
			assertThat(WebApplications.get(context, PATH).statusCode()).isEqualTo(404);
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void notFoundWhenRecordingIsDisabled(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = WebApplications.start(type, EXPOSED,
				"flight-recorder.enabled=false")) {
			assertThat(context.getBeansOfType(FlightRecorder.class)).isEmpty();
			assertThat(WebApplications.get(context, PATH).statusCode()).isEqualTo(404);
		}
	}

	/**
	 * Counts the snapshots the recorder is asked for from now on, refused ones included.
	 */
	private static AtomicInteger countSnapshots(FlightRecorder recorder) {
		AtomicInteger snapshots = new AtomicInteger();
		recorder.snapshotListeners().add(() -> {
			snapshots.incrementAndGet();
			return (outcome, bytes) -> {
			};
		});
		return snapshots;
	}

}

package io.flightrecorder.actuate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.Recordings;
import io.micrometer.core.instrument.MeterRegistry;
import jdk.jfr.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Boosting the ring's settings over HTTP, on Spring MVC and on Spring WebFlux; the settings
 * in force are read from the live JFR recording, not from the recorder's own state.
 */
class FlightRecordingBoostWebIntegrationTests {

	private static final String PATH = "/actuator/flightrecording";

	private static final String THRESHOLD = "jdk.JavaMonitorEnter#threshold";

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void aBoostAppliesAndRevertsOnTimeOneAtATime(WebApplicationType type) throws Exception {
		String profile = Configuration.getConfiguration("profile").getSettings().get(THRESHOLD);
		String own = Configuration.getConfiguration("default").getSettings().get(THRESHOLD);
		try (ConfigurableApplicationContext context = start(type, "flight-recorder.boost.max-duration=2s")) {
			Instant asked = Instant.now();
			HttpResponse<byte[]> boost = boost(context, "{\"settings\":\"profile\",\"duration\":\"PT1H\"}");
			assertThat(boost.statusCode()).isEqualTo(200);
			String body = body(boost);
			assertThat(body).contains("\"settings\":\"profile\"");
			Instant until = Instant.parse(body.replaceAll(".*\"until\":\"([^\"]+)\".*", "$1"));
			assertThat(until).isBetween(asked.plusSeconds(1), Instant.now().plusSeconds(2));
			assertThat(Recordings.ring().getSettings()).containsEntry(THRESHOLD, profile);
			assertThat(body(WebApplications.get(context, "/actuator/health"))).contains("boost 'profile' until");
			assertThat(context.getBean(MeterRegistry.class).get("flightrecorder.boost.active").gauge().value())
				.isEqualTo(1);

			HttpResponse<byte[]> second = boost(context, "{\"settings\":\"default\"}");
			assertThat(second.statusCode()).isEqualTo(409);
			assertThat(body(second)).contains("only one runs at a time");

			await().atMost(Duration.ofSeconds(10)).until(() -> own.equals(Recordings.ring().getSettings().get(THRESHOLD)));
			assertThat(context.getBean(FlightRecorder.class).boosts().current()).isNull();
			assertThat(context.getBean(MeterRegistry.class).get("flightrecorder.boost.active").gauge().value())
				.isEqualTo(0);
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void aBoostEndsOnDeleteAndAPresetFromPropertiesApplies(WebApplicationType type) throws Exception {
		String own = Configuration.getConfiguration("default").getSettings().get(THRESHOLD);
		try (ConfigurableApplicationContext context = start(type,
				"flight-recorder.boost.presets.locks.events[0].name=jdk.JavaMonitorEnter",
				"flight-recorder.boost.presets.locks.events[0].threshold=1 ms")) {
			assertThat(boost(context, "{\"settings\":\"locks\",\"duration\":\"PT1M\"}").statusCode()).isEqualTo(200);
			assertThat(Recordings.ring().getSettings()).containsEntry(THRESHOLD, "1 ms");
			assertThat(WebApplications.send(context, "DELETE", PATH).statusCode()).isEqualTo(204);
			assertThat(Recordings.ring().getSettings()).containsEntry(THRESHOLD, own);
			assertThat(WebApplications.send(context, "DELETE", PATH).statusCode()).isEqualTo(404);
			HttpResponse<byte[]> unknown = boost(context, "{\"settings\":\"everything\"}");
			assertThat(unknown.statusCode()).isEqualTo(400);
			assertThat(body(unknown)).contains("No boost settings named 'everything'; known: default, profile, locks");
			HttpResponse<byte[]> backwards = boost(context, "{\"settings\":\"profile\",\"duration\":\"-1s\"}");
			assertThat(backwards.statusCode()).isEqualTo(400);
			assertThat(body(backwards)).contains("A boost's duration must be positive, but was PT-1S");
			HttpResponse<byte[]> unparsable = boost(context, "{\"settings\":\"profile\",\"duration\":\"abc\"}");
			assertThat(unparsable.statusCode()).isEqualTo(400);
			assertThat(body(unparsable)).contains("Invalid duration 'abc': a number with a unit ns, us, ms, s, m, h or d");
			assertThat(context.getBean(FlightRecorder.class).boosts().current()).isNull();
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void readOnlyAccessRefusesABoost(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = WebApplications.start(type,
				"management.endpoints.web.exposure.include=flightrecording")) {
			assertThat(boost(context, "{\"settings\":\"profile\"}").statusCode()).isEqualTo(405);
			assertThat(WebApplications.send(context, "DELETE", PATH).statusCode()).isEqualTo(405);
			assertThat(context.getBean(FlightRecorder.class).boosts().current()).isNull();
		}
	}

	@Test
	void aRestartRecordsWithTheRecordersOwnSettings() throws Exception {
		String own = Configuration.getConfiguration("default").getSettings().get(THRESHOLD);
		try (ConfigurableApplicationContext context = start(WebApplicationType.SERVLET)) {
			FlightRecorder recorder = context.getBean(FlightRecorder.class);
			assertThat(boost(context, "{\"settings\":\"profile\"}").statusCode()).isEqualTo(200);
			recorder.stop();
			assertThat(recorder.boosts().current()).isNull();
			recorder.start();
			assertThat(Recordings.ring().getSettings()).containsEntry(THRESHOLD, own);
		}
	}

	private static ConfigurableApplicationContext start(WebApplicationType type, String... properties) {
		String[] all = new String[properties.length + 3];
		all[0] = "management.endpoints.web.exposure.include=flightrecording,health";
		all[1] = "management.endpoint.flightrecording.access=unrestricted";
		all[2] = "management.endpoint.health.show-details=always";
		System.arraycopy(properties, 0, all, 3, properties.length);
		return WebApplications.start(type, all);
	}

	private static HttpResponse<byte[]> boost(ConfigurableApplicationContext context, String json) throws Exception {
		return WebApplications.send(context, "POST", PATH, json);
	}

	private static String body(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}

}

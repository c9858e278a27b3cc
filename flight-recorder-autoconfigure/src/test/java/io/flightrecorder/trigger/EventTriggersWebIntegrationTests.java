package io.flightrecorder.trigger;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import io.flightrecorder.actuate.WebApplications;
import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.events.EventTriggers;
import io.flightrecorder.events.MonitorContention;
import io.micrometer.core.instrument.MeterRegistry;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event rule turned on by properties in a real web application: the ring records the
 * event the rule needs, a real monitor wait fires it, and its dump is listed, reported with
 * its event first, counted and seen in health like any other.
 */
class EventTriggersWebIntegrationTests {

	@TempDir
	Path dumps;

	@Test
	void aMonitorWaitFiresADumpThatTheEndpointsListAndReport() throws Exception {
		try (ConfigurableApplicationContext context = WebApplications.start(WebApplications.Application.class,
				WebApplicationType.SERVLET, "flight-recorder.dumps.directory=" + this.dumps,
				"flight-recorder.triggers.monitor-wait.enabled=true", "flight-recorder.triggers.monitor-wait.threshold=300ms",
				"flight-recorder.events[0].name=jdk.JavaMonitorEnter", "flight-recorder.events[0].enabled=false",
				"management.endpoints.web.exposure.include=health,flightdumps",
				"management.endpoint.health.show-details=always")) {
			SavedDumps saved = context.getBean(SavedDumps.class);
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
				MonitorContention.contend(500, "blocked");
				return !saved.list().isEmpty();
			});
			SavedDump dump = saved.list().get(0);
			assertThat(dump.name()).endsWith("-event-monitor-wait.jfr");
			assertThat(dump.reason()).startsWith("jdk.JavaMonitorEnter duration ").contains(" > 300.0 ms in thread 'blocked' at ");
			assertThat(RecordingFile.readAllEvents(this.dumps.resolve(dump.name())))
				.as("recorded though the settings turn it off, as the rule needs it")
				.anyMatch((event) -> event.getEventType().getName().equals("jdk.JavaMonitorEnter")
						&& event.getThread().getJavaName().equals("blocked"));
			String list = body(WebApplications.get(context, "/actuator/flightdumps"));
			assertThat(list).contains("\"name\":\"" + dump.name() + "\"").contains("\"trigger\":\"event-monitor-wait\"");
			String report = body(WebApplications.get(context, "/actuator/flightdumps/" + dump.name() + "/report"));
			assertThat(report).contains("<section id='event-triggers'>", "<td>monitor-wait</td>",
					MonitorContention.class.getName() + ".enter(line ");
			String health = body(WebApplications.get(context, "/actuator/health"));
			assertThat(health).contains("\"flightRecorderEventTriggers\":{\"details\":{\"rules\":[\"monitor-wait\"],"
					+ "\"reading\":true},\"status\":\"UP\"}");
			assertThat(context.getBean(MeterRegistry.class)
				.get("flightrecorder.dumps.written")
				.tag("trigger", "event-monitor-wait")
				.counter()
				.count()).isEqualTo(1);
		}
	}

	@Test
	void withoutEventRulesNoStreamIsOpened() {
		try (ConfigurableApplicationContext context = WebApplications.start(WebApplications.Application.class,
				WebApplicationType.NONE, "flight-recorder.dumps.directory=" + this.dumps)) {
			assertThat(context.getBeanNamesForType(EventTriggers.class)).isEmpty();
			assertThat(Thread.getAllStackTraces().keySet())
				.noneMatch((thread) -> thread.getName().equals("flight-recorder-event-stream"));
		}
	}

	private static String body(HttpResponse<byte[]> response) {
		assertThat(response.statusCode()).isEqualTo(200);
		return new String(response.body(), StandardCharsets.UTF_8);
	}

}

package io.flightrecorder.observation;

import java.net.http.HttpResponse;
import java.util.List;

import io.flightrecorder.MarkerEvent;
import io.flightrecorder.Recordings;
import io.flightrecorder.actuate.WebApplications;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP requests observed by Spring MVC, found as JFR events in a snapshot taken over HTTP.
 */
class ObservationEventWebIntegrationTests {

	private static final String EXPOSED = "management.endpoints.web.exposure.include=flightrecording";

	private static final String SECURITY_STEP = "spring.security.filterchains";

	@Test
	void snapshotHoldsAnEventForTheRequestCoveringTheControllersWork() throws Exception {
		try (ConfigurableApplicationContext context = WebApplications.start(Application.class,
				WebApplicationType.SERVLET, EXPOSED)) {
			assertThat(WebApplications.get(context, "/orders/42").statusCode()).isEqualTo(200);
			List<RecordedEvent> events = snapshot(context);
			RecordedEvent request = events.stream()
				.filter(ObservationEventWebIntegrationTests::isObservation)
				.filter((event) -> "/orders/{id}".equals(event.getString("uri")))
				.findFirst()
				.orElseThrow();
			assertThat(request.getString("name")).isEqualTo("http.server.requests");
			assertThat(request.getString("method")).isEqualTo("GET");
			assertThat(request.getString("status")).isEqualTo("200");
			assertThat(request.getString("outcome")).isEqualTo("SUCCESS");
			assertThat(request.getString("keyValues")).contains("uri=/orders/{id}");
			assertThat(request.getEventType().getCategoryNames()).containsExactly("Spring", "Observation");
			RecordedEvent workStarted = marker(events, "work started 42");
			RecordedEvent workEnded = marker(events, "work ended 42");
			assertThat(request.getStartTime()).isBeforeOrEqualTo(workStarted.getStartTime());
			assertThat(request.getEndTime()).isAfterOrEqualTo(workEnded.getStartTime());
			assertThat(request.getThread().getJavaName()).isEqualTo(workEnded.getThread().getJavaName());
		}
	}

	@Test
	void requestShorterThanTheThresholdIsNotRecorded() throws Exception {
		try (ConfigurableApplicationContext context = WebApplications.start(Application.class,
				WebApplicationType.SERVLET, EXPOSED, "flight-recorder.observations.threshold=10s")) {
			assertThat(WebApplications.get(context, "/orders/7").statusCode()).isEqualTo(200);
			List<RecordedEvent> events = snapshot(context);
			assertThat(marker(events, "work ended 7")).isNotNull();
			assertThat(events).noneMatch((event) -> isObservation(event)
					&& "/orders/{id}".equals(event.getString("uri")));
		}
	}

	@Test
	void noEventsWhenObservationsAreDisabled() throws Exception {
		try (ConfigurableApplicationContext context = WebApplications.start(Application.class,
				WebApplicationType.SERVLET, EXPOSED, "flight-recorder.observations.enabled=false")) {
			assertThat(context.getBeansOfType(FlightRecorderObservationHandler.class)).isEmpty();
			assertThat(WebApplications.get(context, "/orders/9").statusCode()).isEqualTo(200);
			assertThat(snapshot(context))
				.noneMatch(ObservationEventWebIntegrationTests::isObservation);
		}
	}

	@Test
	void springSecuritysObservationsAreNotRecordedByDefault() throws Exception {
		try (ConfigurableApplicationContext context = WebApplications.start(Application.class,
				WebApplicationType.SERVLET, EXPOSED)) {
			assertThat(WebApplications.get(context, "/orders/5").statusCode()).isEqualTo(200);
			assertThat(observationNames(snapshot(context))).contains("http.server.requests", "orders.lookup")
				.doesNotContain(SECURITY_STEP);
		}
	}

	@Test
	void everyObservationIsRecordedWhenNoPrefixIsIgnored() throws Exception {
		try (ConfigurableApplicationContext context = WebApplications.start(Application.class,
				WebApplicationType.SERVLET, EXPOSED, "flight-recorder.observations.ignored-prefixes=")) {
			assertThat(WebApplications.get(context, "/orders/6").statusCode()).isEqualTo(200);
			assertThat(observationNames(snapshot(context))).contains("http.server.requests", "orders.lookup",
					SECURITY_STEP);
		}
	}

	private static List<String> observationNames(List<RecordedEvent> events) {
		return events.stream()
			.filter(ObservationEventWebIntegrationTests::isObservation)
			.map((event) -> event.getString("name"))
			.toList();
	}

	private static boolean isObservation(RecordedEvent event) {
		return event.getEventType().getName().equals(ObservationEvent.NAME);
	}

	private static List<RecordedEvent> snapshot(ConfigurableApplicationContext context) throws Exception {
		HttpResponse<byte[]> response = WebApplications.get(context, "/actuator/flightrecording");
		assertThat(response.statusCode()).isEqualTo(200);
		return Recordings.events(response.body());
	}

	private static RecordedEvent marker(List<RecordedEvent> events, String value) {
		return events.stream()
			.filter((event) -> event.getEventType().getName().equals("io.flightrecorder.test.Marker"))
			.filter((event) -> value.equals(event.getString("value")))
			.findFirst()
			.orElseThrow();
	}

	@Import(OrdersController.class)
	static class Application extends WebApplications.Application {

	}

	/**
	 * Observes each order's lookup, and a step named as Spring Security names the steps of
	 * its filter chain, each lasting longer than the threshold.
	 */
	@RestController
	static class OrdersController {

		private final ObservationRegistry registry;

		OrdersController(ObservationRegistry registry) {
			this.registry = registry;
		}

		@GetMapping("/orders/{id}")
		String order(@PathVariable String id) throws InterruptedException {
			Observation.createNotStarted(SECURITY_STEP, this.registry).observeChecked(() -> Thread.sleep(5));
			return Observation.createNotStarted("orders.lookup", this.registry).observeChecked(() -> {
				MarkerEvent.commit("work started " + id);
				Thread.sleep(20);
				MarkerEvent.commit("work ended " + id);
				return "order " + id;
			});
		}

	}


}

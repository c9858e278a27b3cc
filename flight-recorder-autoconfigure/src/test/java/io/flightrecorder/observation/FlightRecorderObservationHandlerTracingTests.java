package io.flightrecorder.observation;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import io.flightrecorder.Recordings;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleTracer;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The handler in a registry that Micrometer Tracing traces: the event carries the span's ids.
 */
class FlightRecorderObservationHandlerTracingTests {

	private final FlightRecorder recorder = new FlightRecorder(FlightRecorderConfig.DEFAULTS);

	@AfterEach
	void stop() {
		this.recorder.stop();
	}

	@Test
	void eventCarriesTraceAndSpanIdsAndTheError() throws Exception {
		this.recorder.start();
		SimpleTracer tracer = new SimpleTracer();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(new DefaultTracingObservationHandler(tracer))
			.observationHandler(new FlightRecorderObservationHandler(Duration.ZERO, List.of(), List.of()));
		Observation observation = Observation.start("orders.import", registry).contextualName("import orders");
		observation.error(new IllegalStateException("broken file"));
		observation.stop();
		ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
		this.recorder.writeTo(snapshot);
		RecordedEvent event = Recordings.events(snapshot.toByteArray())
			.stream()
			.filter((candidate) -> candidate.getEventType().getName().equals(ObservationEvent.NAME))
			.filter((candidate) -> "orders.import".equals(candidate.getString("name")))
			.findFirst()
			.orElseThrow();
		assertThat(event.getString("contextualName")).isEqualTo("import orders");
		assertThat(event.getString("error")).isEqualTo(IllegalStateException.class.getName());
		assertThat(event.getString("traceId")).isNotBlank().isEqualTo(tracer.onlySpan().getTraceId());
		assertThat(event.getString("spanId")).isNotBlank().isEqualTo(tracer.onlySpan().getSpanId());
	}

	@Test
	void negativeThresholdIsRejected() {
		this.recorder.start();
		assertThatIllegalArgumentException().isThrownBy(() -> new FlightRecorderObservationHandler(Duration.ofMillis(-1), List.of(), List.of()))
			.withMessageContaining("PT-0.001S");
	}

}

package io.flightrecorder.observation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import io.flightrecorder.Recordings;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleTracer;
import jdk.jfr.AnnotationElement;
import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The handler in a registry that Micrometer Tracing traces: the event carries the span's ids,
 * which on JDK 25 and later, with the URI, are contextual, so that {@code jfr print} shows
 * them on what the request's thread did meanwhile; on earlier JDKs the event is the same
 * without the annotation.
 */
class FlightRecorderObservationHandlerTracingTests {

	private static final boolean CONTEXTUAL_JDK = Runtime.version().feature() >= 25;

	private final FlightRecorder recorder = new FlightRecorder(FlightRecorderConfig.DEFAULTS);

	private final SimpleTracer tracer = new SimpleTracer();

	@TempDir
	Path directory;

	@AfterEach
	void stop() {
		this.recorder.stop();
	}

	@Test
	void eventCarriesTraceAndSpanIdsAndTheError() throws Exception {
		Observation observation = Observation.start("orders.import", tracedRegistry()).contextualName("import orders");
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
		assertThat(event.getString("traceId")).isNotBlank().isEqualTo(this.tracer.onlySpan().getTraceId());
		assertThat(event.getString("spanId")).isNotBlank().isEqualTo(this.tracer.onlySpan().getSpanId());
	}

	@Test
	void traceSpanAndUriAreContextualFromJdk25AndJfrPrintShowsThemOnTheRequestsWaits() throws Exception {
		Observation observation = Observation.start("http.server.requests", tracedRegistry())
			.lowCardinalityKeyValue("uri", "/orders/{id}");
		Thread.sleep(60);
		observation.stop();
		Path file = this.directory.resolve("snapshot.jfr");
		try (var out = Files.newOutputStream(file)) {
			this.recorder.writeTo(out);
		}
		EventType type;
		try (RecordingFile recording = new RecordingFile(file)) {
			type = recording.readEventTypes()
				.stream()
				.filter((candidate) -> candidate.getName().equals(ObservationEvent.NAME))
				.findFirst()
				.orElseThrow();
		}
		for (String field : List.of("traceId", "spanId", "uri")) {
			assertThat(isContextual(type.getField(field))).as(field).isEqualTo(CONTEXTUAL_JDK);
		}
		for (String field : List.of("name", "method", "status", "keyValues")) {
			assertThat(isContextual(type.getField(field))).as(field).isFalse();
		}
		if (CONTEXTUAL_JDK) {
			assertThat(jfrPrint(file, "jdk.ThreadSleep"))
				.contains("Observation.traceId = \"" + this.tracer.onlySpan().getTraceId() + "\"")
				.contains("Observation.uri = \"/orders/{id}\"");
		}
	}

	@Test
	void negativeThresholdIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FlightRecorderObservationHandler(Duration.ofMillis(-1), List.of(), List.of()))
			.withMessageContaining("PT-0.001S");
	}

	/**
	 * Starts the recorder and returns a registry whose observations Micrometer Tracing traces
	 * and the handler records, all of them.
	 */
	private ObservationRegistry tracedRegistry() {
		this.recorder.start();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(new DefaultTracingObservationHandler(this.tracer))
			.observationHandler(new FlightRecorderObservationHandler(Duration.ZERO, List.of(), List.of()));
		return registry;
	}

	private static boolean isContextual(ValueDescriptor field) {
		return field.getAnnotationElements()
			.stream()
			.map(AnnotationElement::getTypeName)
			.anyMatch("jdk.jfr.Contextual"::equals);
	}

	private String jfrPrint(Path file, String events) throws Exception {
		Path output = this.directory.resolve("print.txt");
		Process jfr = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jfr").toString(), "print",
				"--events", events, file.toString())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		assertThat(jfr.waitFor()).isZero();
		return Files.readString(output, StandardCharsets.UTF_8);
	}

}

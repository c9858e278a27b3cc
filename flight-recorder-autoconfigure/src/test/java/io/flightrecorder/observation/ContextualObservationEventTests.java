package io.flightrecorder.observation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleTracer;
import jdk.jfr.AnnotationElement;
import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observation event's trace ID, span ID and URI are contextual on JDK 25 and later, so
 * that {@code jfr print} shows them on what the request's thread did meanwhile; on earlier
 * JDKs the event is the same without the annotation.
 */
class ContextualObservationEventTests {

	private static final boolean CONTEXTUAL_JDK = Runtime.version().feature() >= 25;

	private final FlightRecorder recorder = new FlightRecorder(FlightRecorderConfig.DEFAULTS);

	@TempDir
	Path directory;

	@AfterEach
	void stop() {
		this.recorder.stop();
	}

	@Test
	void traceSpanAndUriAreContextualFromJdk25AndJfrPrintShowsThemOnTheRequestsWaits() throws Exception {
		this.recorder.start();
		SimpleTracer tracer = new SimpleTracer();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(new DefaultTracingObservationHandler(tracer))
			.observationHandler(new FlightRecorderObservationHandler(Duration.ZERO, List.of(), List.of()));
		Observation observation = Observation.start("http.server.requests", registry)
			.lowCardinalityKeyValue("uri", "/orders/{id}");
		Thread.sleep(60);
		observation.stop();
		ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
		this.recorder.writeTo(snapshot);
		Path file = Files.write(this.directory.resolve("snapshot.jfr"), snapshot.toByteArray());

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
			String traceId = tracer.onlySpan().getTraceId();
			assertThat(jfrPrint(file, "jdk.ThreadSleep")).contains("Observation.traceId = \"" + traceId + "\"")
				.contains("Observation.uri = \"/orders/{id}\"");
		}
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

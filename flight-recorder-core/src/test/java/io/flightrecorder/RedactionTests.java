package io.flightrecorder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Redaction with real JFR recordings in this JVM. Events that hold values of environment
 * variables, properties and arguments are recorded at every chunk start, which each snapshot
 * causes.
 */
class RedactionTests {

	private FlightRecorder recorder = new FlightRecorder(FlightRecorderConfig.DEFAULTS);

	@AfterEach
	void stop() {
		this.recorder.stop();
	}

	@Test
	void snapshotHoldsNoRedactedEventsByDefault() throws IOException {
		this.recorder.start();
		this.recorder.writeTo(new ByteArrayOutputStream());
		List<RecordedEvent> events = snapshot();
		assertThat(names(events)).doesNotContainAnyElementsOf(FlightRecorderConfig.DEFAULTS.redactedEvents())
			.contains("jdk.OSInformation");
	}

	@Test
	void withRedactionOffTheEventsAreThere() throws IOException {
		this.recorder = new FlightRecorder(FlightRecorderConfig.builder().redactedEvents(Set.of()).build());
		this.recorder.start();
		this.recorder.writeTo(new ByteArrayOutputStream());
		assertThat(names(snapshot())).contains("jdk.InitialSystemProperty", "jdk.JVMInformation");
	}

	@Test
	void chosenEventsAreKept() throws IOException {
		this.recorder = new FlightRecorder(FlightRecorderConfig.builder().redactedEvents(Set.of("jdk.InitialEnvironmentVariable")).build());
		this.recorder.start();
		this.recorder.writeTo(new ByteArrayOutputStream());
		assertThat(names(snapshot())).contains("jdk.InitialSystemProperty")
			.doesNotContain("jdk.InitialEnvironmentVariable");
	}

	@Test
	void eventsRecordedByAnotherRecordingAreRemovedOrTheSnapshotIsRefused() throws Exception {
		this.recorder.start();
		try (Recording other = new Recording(Configuration.getConfiguration("default"))) {
			other.start();
			if (Runtime.version().feature() >= 19) {
				List<RecordedEvent> events = snapshot();
				assertThat(names(events)).doesNotContainAnyElementsOf(FlightRecorderConfig.DEFAULTS.redactedEvents())
					.contains("jdk.OSInformation");
			}
			else {
				assertThatExceptionOfType(SnapshotRedactionException.class).isThrownBy(this::snapshot)
					.withMessageContaining("jdk.InitialEnvironmentVariable")
					.withMessageContaining("another JFR recording")
					.withMessageContaining("flight-recorder.redaction.enabled=false");
			}
		}
	}

	@Test
	void eventsFromAStoppedRecordingAreRemovedWhileTheyMayBeInTheRing() throws Exception {
		this.recorder = new FlightRecorder(FlightRecorderConfig.builder().period(Duration.ofSeconds(30)).build());
		this.recorder.start();
		try (Recording other = new Recording(Configuration.getConfiguration("default"))) {
			other.start();
		}
		if (Runtime.version().feature() >= 19) {
			assertThat(names(snapshot())).doesNotContainAnyElementsOf(FlightRecorderConfig.DEFAULTS.redactedEvents());
		}
		else {
			assertThatExceptionOfType(SnapshotRedactionException.class).isThrownBy(this::snapshot);
		}
	}

	@Test
	void blankEventNameIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FlightRecorderConfig.builder().redactedEvents(List.of(" ")).build())
			.withMessageContaining("blank");
	}

	private List<RecordedEvent> snapshot() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.recorder.writeTo(out);
		return Recordings.events(out.toByteArray());
	}

	private static List<String> names(List<RecordedEvent> events) {
		return events.stream().map((event) -> event.getEventType().getName()).distinct().toList();
	}

}

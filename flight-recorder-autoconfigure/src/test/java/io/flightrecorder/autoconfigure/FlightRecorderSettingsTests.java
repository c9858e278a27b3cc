package io.flightrecorder.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.Recordings;
import jdk.jfr.Configuration;
import jdk.jfr.EventType;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The ring's JFR settings from properties, read back from the live recording and from a
 * snapshot's {@code jdk.ActiveSetting} events.
 */
@ExtendWith(OutputCaptureExtension.class)
class FlightRecorderSettingsTests {

	@TempDir
	Path directory;

	@Test
	void eventSettingsAreInTheLiveRecordingAndInTheSnapshot() throws Exception {
		run((recording) -> {
			Map<String, String> settings = recording.getSettings();
			assertThat(settings).containsEntry("jdk.JavaMonitorEnter#threshold", "10 ms")
				.containsEntry("jdk.ObjectAllocationSample#throttle", "300/s")
				.containsEntry("jdk.SocketRead#enabled", "false")
				.containsEntry("jdk.ThreadPark#stackTrace", "false");
		}, (snapshot) -> assertThat(activeSettings(snapshot)).contains("jdk.JavaMonitorEnter threshold=10 ms",
				"jdk.ObjectAllocationSample throttle=300/s", "jdk.SocketRead enabled=false"),
				"flight-recorder.events[0].name=jdk.JavaMonitorEnter", "flight-recorder.events[0].threshold=10 ms",
				"flight-recorder.events[1].name=jdk.ObjectAllocationSample",
				"flight-recorder.events[1].throttle=300/s", "flight-recorder.events[2].name=jdk.SocketRead",
				"flight-recorder.events[2].enabled=false", "flight-recorder.events[3].name=jdk.ThreadPark",
				"flight-recorder.events[3].stack-trace=false");
	}

	@Test
	void profileRecordsWithJfrsProfileSettingsLessTheRedactedEvents() throws Exception {
		Map<String, String> profile = Configuration.getConfiguration("profile").getSettings();
		Map<String, String> defaults = Configuration.getConfiguration("default").getSettings();
		assertThat(profile.get("jdk.JavaMonitorEnter#threshold")).isNotEqualTo(defaults.get("jdk.JavaMonitorEnter#threshold"));
		run((recording) -> {
			Map<String, String> settings = recording.getSettings();
			assertThat(settings).containsEntry("jdk.JavaMonitorEnter#threshold", profile.get("jdk.JavaMonitorEnter#threshold"))
				.containsEntry("jdk.ExecutionSample#period", profile.get("jdk.ExecutionSample#period"))
				.containsEntry("jdk.InitialEnvironmentVariable#enabled", "false");
		}, (snapshot) -> {
		}, "flight-recorder.settings=profile");
	}

	@Test
	void aJfcFileIsReadAndTheRedactedEventsItEnablesStayDisabledWithAWarning(CapturedOutput output) throws Exception {
		Path jfc = this.directory.resolve("custom.jfc");
		Files.writeString(jfc, """
				<?xml version="1.0" encoding="UTF-8"?>
				<configuration version="2.0" label="custom">
				  <event name="jdk.ThreadSleep"><setting name="enabled">true</setting><setting name="threshold">5 ms</setting></event>
				  <event name="jdk.InitialSystemProperty"><setting name="enabled">true</setting></event>
				</configuration>
				""");
		run((recording) -> assertThat(recording.getSettings()).containsEntry("jdk.ThreadSleep#threshold", "5 ms")
			.containsEntry("jdk.InitialSystemProperty#enabled", "false"), (snapshot) -> {
			}, "flight-recorder.settings=" + jfc);
		assertThat(output).containsOnlyOnce("enable jdk.InitialSystemProperty, which is redacted");
	}

	@Test
	void anUnknownEventIsOneWarningWithTheClosestName(CapturedOutput output) throws Exception {
		run((recording) -> assertThat(recording.getSettings()).containsEntry("jdk.JavaMonitorEntr#threshold", "10 ms"),
				(snapshot) -> {
				}, "flight-recorder.events[0].name=jdk.JavaMonitorEntr", "flight-recorder.events[0].threshold=10 ms");
		assertThat(output).containsOnlyOnce(
				"The flight recorder's settings name the event 'jdk.JavaMonitorEntr', which this JVM does not know; "
						+ "did you mean 'jdk.JavaMonitorEnter'?");
	}

	/**
	 * JDK 25's CPU-time sampler (JEP 509) and method timing (JEP 520) record a method this
	 * test calls; on an older JDK the same configuration starts, with one warning for each.
	 */
	@Test
	void jdk25ProfilersRecordAMethodTheTestCallsAndOlderJdksWarn(CapturedOutput output) throws Exception {
		String timed = Timed.class.getName() + "::work";
		run((recording) -> assertThat(recording.getSettings()).containsEntry("jdk.MethodTiming#filter", timed),
				(snapshot) -> {
					if (Runtime.version().feature() >= 25) {
						assertThat(events(snapshot, "jdk.CPUTimeSample")).anySatisfy((event) -> assertThat(
								event.getStackTrace().getFrames()).anySatisfy((frame) -> assertThat(
										frame.getMethod().getName()).isEqualTo("work")));
						assertThat(events(snapshot, "jdk.MethodTiming")).anySatisfy((event) -> assertThat(
								event.getValue("method").toString()).contains("work"));
					}
				}, "flight-recorder.events[0].name=jdk.CPUTimeSample", "flight-recorder.events[0].enabled=true",
				"flight-recorder.events[0].throttle=10 ms", "flight-recorder.events[1].name=jdk.MethodTiming",
				"flight-recorder.events[1].enabled=true", "flight-recorder.events[1].filter=" + timed);
		if (Runtime.version().feature() < 25) {
			assertThat(output).containsOnlyOnce("settings name the event 'jdk.CPUTimeSample', which this JVM does not know")
				.containsOnlyOnce("settings name the event 'jdk.MethodTiming', which this JVM does not know");
		}
	}

	@Test
	void aValueJfrCannotParseStopsStartUpNamingTheProperty(CapturedOutput output) {
		fails("flight-recorder.events[0].name=jdk.JavaMonitorEnter", "flight-recorder.events[0].threshold=soon");
		assertThat(output).contains("Invalid value 'soon' for property 'flight-recorder.events[0].threshold'")
			.contains("'soon' is not a JFR time span: a number and a unit ns, us, ms, s, m, h or d")
			.contains("Set 'flight-recorder.events[0].threshold' to a value as its description says: Settings of single "
					+ "events")
			.contains("threshold and cutoff (a time span as JFR writes it");
	}

	@Test
	void aThrottleJfrCannotParseStopsStartUpNamingTheProperty(CapturedOutput output) {
		fails("flight-recorder.events[0].name=jdk.ObjectAllocationSample", "flight-recorder.events[0].throttle=fast");
		assertThat(output).contains("Invalid value 'fast' for property 'flight-recorder.events[0].throttle'")
			.contains("is not a JFR throttle: a rate such as '300/s'");
	}

	@Test
	void enablingARedactedEventStopsStartUpSayingHowToUnredactIt(CapturedOutput output) {
		fails("flight-recorder.events[0].name=jdk.InitialEnvironmentVariable", "flight-recorder.events[0].enabled=true");
		assertThat(output).contains("Invalid value 'true' for property 'flight-recorder.events[0].enabled'")
			.contains("jdk.InitialEnvironmentVariable is redacted: to record it on purpose, remove it from "
					+ "flight-recorder.redaction.events");
	}

	@Test
	void settingsThatAreNoFileStopStartUp(CapturedOutput output) {
		fails("flight-recorder.settings=/nowhere/custom.jfc");
		assertThat(output).contains("Invalid value '/nowhere/custom.jfc' for property 'flight-recorder.settings'")
			.contains("Set 'flight-recorder.settings' to a value as its description says: JFR settings the ring "
					+ "records with: 'default'");
	}

	@Test
	void aJfcFileJfrCannotReadStopsStartUpNamingTheProperty(CapturedOutput output, @TempDir Path directory)
			throws IOException {
		Path malformed = Files.writeString(directory.resolve("malformed.jfc"),
				"<?xml version='1.0'?><configuration version='2.0'><event name='jdk.ThreadSleep'>");
		fails("flight-recorder.settings=" + malformed);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value '" + malformed + "' for property 'flight-recorder.settings'")
			.contains("Set 'flight-recorder.settings' to a value as its description says: JFR settings the ring "
					+ "records with: 'default'");
	}

	private void fails(String... properties) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties(properties)
			.run());
	}

	private void run(Consumer<Recording> live, Consumer<Path> snapshot, String... properties) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties(properties)
			.run()) {
			live.accept(Recordings.ring());
			Timed.work();
			Path file = context.getBean(FlightRecorder.class).snapshotFile();
			try {
				snapshot.accept(file);
			}
			finally {
				Files.delete(file);
			}
		}
	}

	/**
	 * Returns the settings the recording says it was made with, as "event setting=value".
	 */
	static List<String> activeSettings(Path recording) {
		try (RecordingFile file = new RecordingFile(recording)) {
			Map<Long, String> names = new HashMap<>();
			for (EventType type : file.readEventTypes()) {
				names.put(type.getId(), type.getName());
			}
			List<String> settings = new ArrayList<>();
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				if (event.getEventType().getName().equals("jdk.ActiveSetting")) {
					settings.add(names.get(event.getLong("id")) + " " + event.getString("name") + "="
							+ event.getString("value"));
				}
			}
			return settings;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<RecordedEvent> events(Path recording, String name) {
		try {
			return RecordingFile.readAllEvents(recording)
				.stream()
				.filter((event) -> event.getEventType().getName().equals(name))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static final class Timed {

		static volatile long sink;

		private Timed() {
		}

		/**
		 * Burns about 300 ms of CPU, in ten calls.
		 */
		static void work() {
			for (int call = 0; call < 10; call++) {
				burn();
			}
		}

		private static void burn() {
			long deadline = System.nanoTime() + 30_000_000L;
			long sum = 0;
			while (System.nanoTime() < deadline) {
				sum += Long.numberOfTrailingZeros(sum * 31 + 7);
			}
			sink = sum;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}

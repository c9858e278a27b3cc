package io.flightrecorder.sample;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app in its own JVM, started with secrets in an environment variable, a system
 * property and a program argument, with and without a second JFR recording that uses JFR's
 * {@code default} settings (as {@code -XX:StartFlightRecording} does). Its snapshots must not
 * hold the secrets; on JDK 17 and 18 a snapshot that would is refused.
 */
class SecretRedactionTests {

	@ParameterizedTest(name = "second recording: {0}, redaction: {1}")
	@CsvSource({ "false, true", "true, true", "false, false" })
	void snapshotHoldsNoSecret(boolean secondRecording, boolean redaction, @TempDir Path dir) throws Exception {
		List<String> secrets = List.of("env-" + UUID.randomUUID(), "property-" + UUID.randomUUID(),
				"argument-" + UUID.randomUUID());
		List<String> jvmOptions = new ArrayList<>();
		if (secondRecording) {
			jvmOptions.add("-XX:StartFlightRecording:settings=default,filename=" + dir.resolve("other.jfr"));
		}
		jvmOptions.add("-Dspring.datasource.password=" + secrets.get(1));
		try (SampleAppProcess app = SampleAppProcess.start(dir, jvmOptions,
				Map.of("SAMPLE_DATABASE_PASSWORD", secrets.get(0)), "--flight-recorder.redaction.enabled=" + redaction,
				"--flight-recorder.dumps.directory=" + dir.resolve("dumps"), "--sample.token=" + secrets.get(2))) {
			HttpResponse<byte[]> response = app.client().snapshot(HttpResponse.BodyHandlers.ofByteArray());
			if (redaction && secondRecording && Runtime.version().feature() < 19) {
				assertThat(response.statusCode()).isEqualTo(403);
				assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("cannot remove them")
					.doesNotContain(secrets.get(0));
				return;
			}
			assertThat(response.statusCode()).isEqualTo(200);
			Path snapshot = Files.write(dir.resolve("snapshot.jfr"), response.body());
			String raw = new String(response.body(), StandardCharsets.ISO_8859_1);
			List<String> decoded = strings(RecordingFile.readAllEvents(snapshot));
			for (String secret : secrets) {
				if (redaction) {
					assertThat(raw).as("raw bytes").doesNotContain(secret);
					assertThat(decoded).as("decoded strings").noneMatch((string) -> string.contains(secret));
				}
				else {
					assertThat(decoded).as("decoded strings without redaction")
						.anyMatch((string) -> string.contains(secret));
				}
			}
		}
	}

	/**
	 * Every string value in the events, at any depth.
	 */
	private static List<String> strings(List<RecordedEvent> events) {
		List<String> strings = new ArrayList<>();
		events.forEach((event) -> collect(event, strings, 0));
		return strings;
	}

	private static void collect(Object value, List<String> strings, int depth) {
		if (value instanceof String string) {
			strings.add(string);
		}
		else if (value instanceof RecordedObject object && depth < 12) {
			for (ValueDescriptor field : object.getFields()) {
				Object fieldValue = object.getValue(field.getName());
				if (fieldValue != null) {
					collect(fieldValue, strings, depth + 1);
				}
			}
		}
		else if (value instanceof List<?> list && depth < 12) {
			list.forEach((element) -> collect(element, strings, depth + 1));
		}
	}

}

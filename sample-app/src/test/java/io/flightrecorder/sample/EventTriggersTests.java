package io.flightrecorder.sample;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample app's event triggers fired end to end: its trouble endpoints make a long GC pause
 * and a deadlock happen in a JVM of its own with a small heap, and each dump is listed by
 * {@code /actuator/flightdumps} and holds the event that fired it.
 */
class EventTriggersTests {

	@Test
	void theTroubleEndpointsFireGcPauseAndDeadlock(@TempDir Path directory) throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start(directory, List.of("-Xmx256m", "-XX:+UseG1GC"), Map.of(),
				"--flight-recorder.triggers.global-cooldown=0s", "--flight-recorder.triggers.gc-pause.threshold=5ms",
				"--flight-recorder.triggers.deadlock.check-interval=1s")) {
			SampleAppClient client = app.client();
			assertThat(post(client, "/trouble/gc-pause?megabytes=128", false).statusCode()).isEqualTo(401);
			String gcPause = awaitDump(client, "gc-pause", directory,
					() -> assertThat(post(client, "/trouble/gc-pause?megabytes=128", true).statusCode()).isEqualTo(200));
			String deadlock = awaitDump(client, "deadlock", directory,
					() -> assertThat(post(client, "/trouble/deadlock?seconds=30", true).statusCode()).isEqualTo(200));
			assertThat(trigger(client, directory, gcPause).getString("value")).startsWith("longestPause ").endsWith(" > 5.0 ms");
			assertThat(trigger(client, directory, deadlock).getString("stack")).contains("\"deadlock-a\"", "\"deadlock-b\"",
					"io.flightrecorder.sample.TroubleController.lockBoth");
		}
	}

	private static HttpResponse<String> post(SampleAppClient client, String path, boolean operator) {
		HttpRequest.Builder request = client.request(path).POST(HttpRequest.BodyPublishers.noBody());
		if (operator) {
			request.header("Authorization", SampleAppClient.basic("ops", "flight-recorder"));
		}
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Makes the rule's condition happen, then again every 10 s (the stream sees what JFR
	 * flushes after it opened), until {@code /actuator/flightdumps} lists a dump of the rule,
	 * and returns its name; on a timeout, says what the app logged.
	 */
	private static String awaitDump(SampleAppClient client, String rule, Path directory, Runnable condition) {
		Pattern name = Pattern.compile("\"name\":\"([^\"]+-event-" + rule + "\\.jfr)\"");
		long[] next = { System.nanoTime() };
		try {
			return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
				if (System.nanoTime() - next[0] >= 0) {
					condition.run();
					next[0] = System.nanoTime() + Duration.ofSeconds(10).toNanos();
				}
				Matcher matcher = name
					.matcher(client.get("/actuator/flightdumps", HttpResponse.BodyHandlers.ofString()).body());
				return matcher.find() ? matcher.group(1) : null;
			}, (found) -> found != null);
		}
		catch (RuntimeException ex) {
			throw new AssertionError("No dump of " + rule + "; the app logged:\n" + log(directory), ex);
		}
	}

	private static String log(Path directory) {
		try {
			return Files.readString(directory.resolve("app.log"));
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	/**
	 * Downloads a dump and returns the event of the trigger that wrote it.
	 */
	private static RecordedEvent trigger(SampleAppClient client, Path directory, String dump) throws Exception {
		Path file = directory.resolve("downloaded-" + dump);
		assertThat(client.get("/actuator/flightdumps/" + dump, HttpResponse.BodyHandlers.ofFile(file)).statusCode())
			.isEqualTo(200);
		String rule = dump.substring(dump.indexOf("-event-") + "-event-".length(), dump.length() - ".jfr".length());
		List<RecordedEvent> triggers = RecordingFile.readAllEvents(file)
			.stream()
			.filter((event) -> event.getEventType().getName().equals("io.flightrecorder.EventTrigger"))
			.filter((event) -> event.getString("rule").equals(rule))
			.toList();
		Files.delete(file);
		assertThat(triggers).isNotEmpty();
		return triggers.get(triggers.size() - 1);
	}

}

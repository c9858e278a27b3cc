package io.flightrecorder.sample;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM killed while recording (as an out-of-memory kill does, with SIGKILL): the next start
 * keeps its last seconds as a crash dump and deletes everything it left behind.
 */
class CrashDumpTests {

	private static final Pattern CRASH_DUMP = Pattern.compile("\"name\":\"(sample-app-\\d{8}T\\d{9}Z-crash\\.jfr)\"");

	@Test
	void theNextStartKeepsTheLastSecondsOfAKilledJvmAndDeletesWhatItLeft(@TempDir Path dir) throws Exception {
		Path repository = dir.resolve("repository");
		Path dumps = dir.resolve("dumps");
		String[] arguments = { "--flight-recorder.repository=" + repository,
				"--flight-recorder.dumps.directory=" + dumps };
		Instant killed;
		long pid;
		try (SampleAppProcess app = SampleAppProcess.start(dir, List.of(), Map.of(), arguments)) {
			for (int i = 0; i < 5; i++) {
				assertThat(app.client().anonymous("/cpu?n=200000", HttpResponse.BodyHandlers.discarding()).statusCode())
					.isEqualTo(200);
			}
			assertThat(app.client().anonymous("/slow?millis=200", HttpResponse.BodyHandlers.discarding()).statusCode())
				.isEqualTo(200);
			Thread.sleep(3000);
			pid = app.pid();
			String token = hostName() + "_" + pid + "_" + app.startMillis();
			Files.createDirectories(dumps);
			Files.writeString(dumps.resolve(".sample-app-20261202T120000000Z-slow-observation.jfr-" + token + "-42.part"),
					"half-written");
			Files.writeString(repository.resolve("flight-recorder-" + token + "-43.jfr"), "half-written");
			killed = Instant.now();
			app.kill();
		}
		assertThat(repositoriesOf(repository, pid)).hasSize(1);
		try (SampleAppProcess app = SampleAppProcess.start(dir, List.of(), Map.of(), arguments)) {
			String list = app.client().get("/actuator/flightdumps", HttpResponse.BodyHandlers.ofString()).body();
			Matcher crash = CRASH_DUMP.matcher(list);
			assertThat(crash.find()).as(list).isTrue();
			assertThat(list).contains("\"trigger\":\"crash\"").contains("killed while recording");
			byte[] dump = app.client()
				.get("/actuator/flightdumps/" + crash.group(1), HttpResponse.BodyHandlers.ofByteArray())
				.body();
			Path file = Files.write(dir.resolve("crash.jfr"), dump);
			List<RecordedEvent> events = RecordingFile.readAllEvents(file);
			assertThat(events).filteredOn((event) -> event.getEventType().getName().equals("io.flightrecorder.Observation"))
				.anySatisfy((event) -> {
					assertThat(event.getString("uri")).isEqualTo("/slow");
					assertThat(event.getEndTime()).isAfter(killed.minus(Duration.ofSeconds(8)));
				});
			assertThat(events).noneMatch((event) -> event.getEventType().getName().equals("jdk.InitialSystemProperty"));
			assertThat(repositoriesOf(repository, pid)).isEmpty();
			try (Stream<Path> files = Files.list(dumps)) {
				assertThat(files).as("the running app's exit dump is the only file being written")
					.filteredOn((entry) -> entry.getFileName().toString().endsWith(".part"))
					.extracting((entry) -> entry.getFileName().toString())
					.containsExactly(".sample-app-exit.jfr.part");
			}
			try (Stream<Path> files = Files.list(repository)) {
				assertThat(files).noneMatch((entry) -> entry.getFileName().toString().startsWith("flight-recorder-"));
			}
		}
		assertThat(Files.readString(dir.resolve("app.log"))).contains("which was killed while recording");
	}

	private static List<Path> repositoriesOf(Path repository, long pid) throws Exception {
		try (Stream<Path> entries = Files.list(repository)) {
			return entries.filter((entry) -> entry.getFileName().toString().matches(".*_" + pid + "(_\\d+)?"))
				.toList();
		}
	}

	private static String hostName() throws Exception {
		return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim().replaceAll("[^A-Za-z0-9.-]", "-");
	}

}

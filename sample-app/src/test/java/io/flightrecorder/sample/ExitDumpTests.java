package io.flightrecorder.sample;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exit dump when the JVM is told to exit (SIGTERM), as a pod is stopped: JFR writes it,
 * and the next start saves it as a dump.
 */
class ExitDumpTests {

	@Test
	void sigtermLeavesAnExitDumpThatTheNextStartSaves(@TempDir Path dir) throws Exception {
		Path dumps = dir.resolve("dumps");
		String[] arguments = { "--flight-recorder.dumps.directory=" + dumps, "--flight-recorder.dumps.on-exit=true" };
		try (SampleAppProcess app = SampleAppProcess.start(dir, List.of(), Map.of(), arguments)) {
			assertThat(app.client().anonymous("/slow?millis=150", HttpResponse.BodyHandlers.discarding()).statusCode())
				.isEqualTo(200);
		}
		Path written = dumps.resolve(".sample-app-exit.jfr.part");
		assertThat(RecordingFile.readAllEvents(written))
			.filteredOn((event) -> event.getEventType().getName().equals("io.flightrecorder.Observation"))
			.anySatisfy((event) -> assertThat(event.getString("uri")).isEqualTo("/slow"));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-------");
		long size = Files.size(written);
		try (SampleAppProcess app = SampleAppProcess.start(dir, List.of(), Map.of(), arguments)) {
			String list = app.client().get("/actuator/flightdumps", HttpResponse.BodyHandlers.ofString()).body();
			assertThat(list).containsPattern("\"name\":\"sample-app-\\d{8}T\\d{9}Z-exit\\.jfr\"")
				.contains("\"trigger\":\"exit\"")
				.contains("\"reason\":\"written by JFR as the JVM exited\"")
				.contains("\"size\":" + size);
		}
		assertThat(Files.readString(dir.resolve("app.log"))).contains("Saved the exit dump of the last run");
	}

}

package io.flightrecorder;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.dump.SavedDumps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The core as a program without Spring uses it (a batch job, a Quarkus or Micronaut
 * application): a ring, a snapshot, and a dump saved when something went wrong. The class
 * path of these tests holds no Spring, which the first line checks.
 */
class PlainJavaExampleTests {

	@Test
	void aProgramWithoutSpringTakesASnapshotAndSavesADump(@TempDir Path directory) throws Exception {
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("org.springframework.core.SpringVersion"));
		FlightRecorder recorder = new FlightRecorder(
				FlightRecorderConfig.builder().size(4 * 1024 * 1024).period(Duration.ofSeconds(30)).build());
		recorder.start();
		try {
			String marker = UUID.randomUUID().toString();
			MarkerEvent.commit(marker);
			ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
			recorder.writeTo(snapshot);
			assertThat(Recordings.markers(snapshot.toByteArray())).contains(marker);
			SavedDumps dumps = new SavedDumps(directory, "batch-job", 10, 100L * 1024 * 1024, 1024 * 1024);
			try (DumpTriggers triggers = new DumpTriggers(recorder, dumps, Duration.ZERO, Duration.ZERO)) {
				SavedDump dump = triggers.fire("step-failed", "step 3 threw").get(30, TimeUnit.SECONDS);
				assertThat(dumps.list()).extracting(SavedDump::name).containsExactly(dump.name());
				assertThat(dump.name()).startsWith("batch-job-").endsWith("-step-failed.jfr");
				assertThat(Recordings.markers(Files.readAllBytes(dumps.file(dump.name()).orElseThrow())))
					.contains(marker);
			}
		}
		finally {
			recorder.stop();
		}
	}

}

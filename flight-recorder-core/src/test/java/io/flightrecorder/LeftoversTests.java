package io.flightrecorder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.flightrecorder.internal.ProcessToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LeftoversTests {

	private static long deadPid;

	@TempDir
	Path directory;

	@Test
	void onlyAProcessOfThisHostThatIsGoneOrAnotherIsDead() throws Exception {
		String host = ProcessToken.CURRENT.split("_(?=\\d+_\\d+$)")[0];
		String start = ProcessToken.CURRENT.substring(ProcessToken.CURRENT.lastIndexOf('_') + 1);
		long self = ProcessHandle.current().pid();
		assertThat(ProcessToken.isDead(ProcessToken.CURRENT)).isFalse();
		assertThat(ProcessToken.isDead(host + "_" + deadPid() + "_" + start)).isTrue();
		assertThat(ProcessToken.isDead(host + "_" + self + "_" + (Long.parseLong(start) - 3_600_000)))
			.as("a process that reuses the id of a dead one")
			.isTrue();
		assertThat(ProcessToken.isDead("another-host_" + deadPid() + "_" + start)).isFalse();
		assertThat(ProcessToken.isDead("not a token")).isFalse();
	}

	@Test
	void aDeadJvmsRepositoryIsHandedOverWithItsCompleteChunksOnlyThenDeleted() throws Exception {
		FlightRecorder recorder = new FlightRecorder(FlightRecorderConfig.DEFAULTS);
		recorder.start();
		Path chunk;
		try {
			chunk = this.directory.resolve("whole.jfr");
			try (OutputStream out = Files.newOutputStream(chunk)) {
				recorder.writeTo(out);
			}
		}
		finally {
			recorder.stop();
		}
		String dead = ProcessToken.CURRENT.replaceFirst("_\\d+_", "_" + deadPid() + "_");
		Path deadRepository = repository("2026_12_02_10_00_00_" + deadPid(), dead);
		Files.copy(chunk, deadRepository.resolve("2026_12_02_10_00_00.jfr"));
		byte[] bytes = Files.readAllBytes(chunk);
		bytes[64] = 1;
		Files.write(deadRepository.resolve("2026_12_02_10_00_02.jfr"), bytes);
		Path liveRepository = repository("2026_12_02_11_00_00_" + ProcessHandle.current().pid(), ProcessToken.CURRENT);
		Path deadSnapshot = Files.writeString(this.directory.resolve("flight-recorder-" + dead + "-123.jfr"), "half");
		Path liveSnapshot = Files.writeString(this.directory.resolve("flight-recorder-" + ProcessToken.CURRENT + "-124.jfr"),
				"being written");
		List<CrashedRecording> handed = new ArrayList<>();
		Leftovers.recover(this.directory, handed::add);
		assertThat(handed).singleElement().satisfies((recording) -> {
			assertThat(recording.pid()).isEqualTo(String.valueOf(deadPid()));
			assertThat(recording.chunks()).extracting(Path::getFileName)
				.containsExactly(Path.of("2026_12_02_10_00_00.jfr"));
		});
		assertThat(deadRepository).doesNotExist();
		assertThat(deadSnapshot).doesNotExist();
		assertThat(liveRepository).exists();
		assertThat(liveSnapshot).exists();
	}

	private Path repository(String name, String owner) throws IOException {
		Path repository = Files.createDirectories(this.directory.resolve(name));
		Files.writeString(repository.resolve(Leftovers.OWNER_FILE), owner);
		return repository;
	}

	private static synchronized long deadPid() throws IOException, InterruptedException {
		if (deadPid == 0) {
			Process process = new ProcessBuilder("true").start();
			process.waitFor();
			deadPid = process.pid();
		}
		return deadPid;
	}

}

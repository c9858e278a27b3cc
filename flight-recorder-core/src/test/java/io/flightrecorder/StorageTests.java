package io.flightrecorder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * Disk safety with the real file system: the repository is moved, and free space is kept by
 * choosing the minimum relative to what this disk has free now, with margins of megabytes.
 */
class StorageTests {

	private static final long MIB = 1024 * 1024;

	private FlightRecorder recorder = new FlightRecorder(FlightRecorderConfig.DEFAULTS);

	private Path repository;

	@AfterEach
	void restore() throws Exception {
		this.recorder.stop();
		if (this.repository != null) {
			SmallDisk.restoreRepository();
			try (Stream<Path> files = Files.walk(this.repository)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	@Test
	void chunksAreWrittenToTheChosenRepository() throws IOException {
		this.repository = Files.createTempDirectory("flight-recorder-repository-");
		Path created = this.repository.resolve("created");
		this.recorder = new FlightRecorder(FlightRecorderConfig.builder().repository(created).build());
		this.recorder.start();
		this.recorder.writeTo(OutputStream.nullOutputStream());
		assertThat(this.recorder.status().repository()).isEqualTo(created);
		try (Stream<Path> files = Files.walk(created)) {
			assertThat(files.filter((file) -> file.toString().endsWith(".jfr"))).isNotEmpty();
		}
	}

	@Test
	void startIsRefusedWithoutTheFreeSpaceToKeep() {
		this.recorder = new FlightRecorder(FlightRecorderConfig.builder().minFreeSpace(Long.MAX_VALUE / 4).build());
		assertThatExceptionOfType(InsufficientSpaceException.class).isThrownBy(this.recorder::start)
			.withMessageContaining("flight-recorder.min-free-space");
		assertThat(this.recorder.isEnabled()).isFalse();
		assertThat(this.recorder.status().failure()).startsWith("Failed to start: Not enough free space");
	}

	/**
	 * On a 32 MiB disk keeping 12 MiB free, a ring of 16 MiB starts (28 MiB needed) and holds
	 * about 14 MiB of data (17 MiB left free), but a snapshot file of that data would leave
	 * only 3 MiB.
	 */
	@Test
	void snapshotFileThatWouldNotFitIsRefused() throws Exception {
		try (SmallDisk disk = SmallDisk.mount(32)) {
			this.recorder = new FlightRecorder(onSmallDisk(disk).redactedEvents(Set.of()).build());
			this.recorder.start();
			Recordings.fill(14 * MIB);
			if (SnapshotContent.STREAMS_IN_BULK) {
				assertThat(this.recorder.writeTo(OutputStream.nullOutputStream())).isPositive();
			}
			else {
				assertThatExceptionOfType(InsufficientSpaceException.class)
					.isThrownBy(() -> this.recorder.writeTo(OutputStream.nullOutputStream()))
					.withMessageContaining("Not enough free space for a snapshot under " + disk.directory());
				assertThat(this.recorder.isEnabled()).isTrue();
			}
			this.recorder.stop();
		}
	}

	/**
	 * On a 32 MiB disk keeping 12 MiB free, the ring alone stays within bounds (16 MiB at
	 * most); something else filling the disk (here a 20 MiB file) makes the recorder stop
	 * itself before JFR would find the disk full.
	 */
	@Test
	void recorderStopsItselfWhenTheDiskRunsLow() throws Exception {
		try (SmallDisk disk = SmallDisk.mount(32)) {
			this.recorder = new FlightRecorder(onSmallDisk(disk).build());
			this.recorder.start();
			Files.write(disk.directory().resolve("other-files.bin"), new byte[(int) (20 * MIB)]);
			await().atMost(Duration.ofSeconds(20)).until(() -> !this.recorder.isEnabled());
			assertThat(this.recorder.status().failure()).startsWith("Stopped itself: Not enough free space");
			assertThatNoException().as("stop after it stopped itself").isThrownBy(this.recorder::stop);
		}
	}

	/**
	 * A ring of 16 MiB on a 32 MiB disk, keeping 12 MiB free.
	 */
	private static FlightRecorderConfig.Builder onSmallDisk(SmallDisk disk) {
		return FlightRecorderConfig.builder().repository(disk.directory()).size(16 * MIB).minFreeSpace(12 * MIB);
	}

}

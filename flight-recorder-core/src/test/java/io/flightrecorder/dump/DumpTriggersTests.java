package io.flightrecorder.dump;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import io.flightrecorder.Snapshot;
import io.flightrecorder.SnapshotOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class DumpTriggersTests {

	private final FlightRecorder recorder = new FlightRecorder(FlightRecorderConfig.DEFAULTS);

	private final List<String> failed = new CopyOnWriteArrayList<>();

	@TempDir
	Path directory;

	@BeforeEach
	void startRecorder() {
		this.recorder.start();
	}

	@AfterEach
	void stopRecorder() {
		this.recorder.stop();
	}

	@Test
	void closeWritesTheDumpsAlreadyDue() throws Exception {
		DumpTriggers triggers = triggers(Duration.ZERO);
		CompletableFuture<SavedDump> first = triggers.fire("first", "one");
		CompletableFuture<SavedDump> second = triggers.fire("second", "two");
		triggers.close();
		assertThat(first.get(30, TimeUnit.SECONDS).trigger()).isEqualTo("first");
		assertThat(second.get(30, TimeUnit.SECONDS).trigger()).isEqualTo("second");
		assertThat(this.failed).isEmpty();
	}

	@Test
	void closeFailsADelayedDumpInsteadOfDroppingIt() throws Exception {
		DumpTriggers triggers = triggers(Duration.ofHours(1));
		CompletableFuture<SavedDump> delayed = triggers.fire("delayed", "later");
		CompletableFuture.runAsync(triggers::close).get(30, TimeUnit.SECONDS);
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> delayed.get(30, TimeUnit.SECONDS))
			.withMessageContaining("closed before the dump was written");
		assertThat(this.failed).containsExactly("delayed");
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> triggers.fire("after", "closed").get(30, TimeUnit.SECONDS))
			.withMessageContaining("closed");
	}

	/**
	 * A dump that fires while a snapshot is being downloaded waits for it and is then
	 * written; the listeners hear of the download and of the dump, and of no rejected
	 * snapshot (each 50 ms retry used to count as one).
	 */
	@Test
	void aDumpWaitsForTheOpenSnapshotWithoutCountingRejections() throws Exception {
		List<SnapshotOutcome> outcomes = new CopyOnWriteArrayList<>();
		this.recorder.snapshotListeners().add(() -> (outcome, bytes) -> outcomes.add(outcome));
		DumpTriggers triggers = triggers(Duration.ZERO);
		CompletableFuture<SavedDump> dump;
		try (Snapshot download = this.recorder.snapshot()) {
			dump = triggers.fire("during-download", "while a snapshot is open");
			await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.isEmpty() && waitingForTheSnapshot());
			download.writeTo(OutputStream.nullOutputStream());
		}
		assertThat(dump.get(30, TimeUnit.SECONDS).trigger()).isEqualTo("during-download");
		assertThat(outcomes).containsExactly(SnapshotOutcome.SUCCESS, SnapshotOutcome.SUCCESS);
		triggers.close();
	}

	/**
	 * Whether the triggers' writer thread is parked in the snapshot's wait.
	 */
	private static boolean waitingForTheSnapshot() {
		return Thread.getAllStackTraces()
			.entrySet()
			.stream()
			.anyMatch((thread) -> thread.getKey().getState() == Thread.State.TIMED_WAITING && Arrays
				.stream(thread.getValue())
				.anyMatch((frame) -> frame.getClassName().equals(FlightRecorder.class.getName())
						&& frame.getMethodName().equals("snapshot")));
	}

	private DumpTriggers triggers(Duration delay) {
		SavedDumps dumps = new SavedDumps(this.directory, "app", 10, Long.MAX_VALUE, 1);
		DumpTriggers triggers = new DumpTriggers(this.recorder, dumps, Duration.ZERO, delay);
		triggers.addListener(new DumpListener() {

			@Override
			public void failed(String trigger, Exception failure) {
				DumpTriggersTests.this.failed.add(trigger);
			}

		});
		return triggers;
	}

}

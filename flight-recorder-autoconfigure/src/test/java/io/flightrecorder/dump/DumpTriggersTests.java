package io.flightrecorder.dump;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.flightrecorder.FlightRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DumpTriggersTests {

	private final FlightRecorder recorder = new FlightRecorder();

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

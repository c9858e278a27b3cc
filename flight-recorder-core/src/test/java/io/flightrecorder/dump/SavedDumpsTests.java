package io.flightrecorder.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import io.flightrecorder.InsufficientSpaceException;
import io.flightrecorder.MarkerEvent;
import io.flightrecorder.Recordings;
import io.flightrecorder.Snapshot;
import io.flightrecorder.SnapshotOutcome;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SavedDumpsTests {

	private final FlightRecorder recorder = new FlightRecorder(FlightRecorderConfig.DEFAULTS);

	@TempDir
	Path directory;

	private final Clock clock = TickingDumps.clock();

	@BeforeEach
	void startRecorder() {
		this.recorder.start();
	}

	@AfterEach
	void stopRecorder() {
		this.recorder.stop();
	}

	@Test
	void saveWritesANamedParsableDumpWithItsReason() throws IOException {
		SavedDumps dumps = dumps(10, Long.MAX_VALUE);
		MarkerEvent.commit("before the dump");
		SavedDump dump = dumps.save(this.recorder, "slow request", "GET /orders took 3 s");
		assertThat(dump.name()).isEqualTo("my_app-20261128T120000000Z-slow_request.jfr");
		assertThat(dump.trigger()).isEqualTo("slow request");
		assertThat(dumps.list()).singleElement().satisfies((listed) -> {
			assertThat(listed.name()).isEqualTo(dump.name());
			assertThat(listed.trigger()).isEqualTo("slow_request");
			assertThat(listed.reason()).isEqualTo("GET /orders took 3 s");
			assertThat(listed.time()).isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
			assertThat(listed.size()).isEqualTo(Files.size(this.directory.resolve(dump.name())));
		});
		assertThat(Recordings.markers(Files.readAllBytes(dumps.file(dump.name()).orElseThrow())))
			.contains("before the dump");
	}

	/**
	 * Retention fails once the new dump is in place (the older dump's reason cannot be
	 * deleted: here a directory of its name): the new dump is saved all the same, and the
	 * listeners, such as the uploads, are told of it.
	 */
	@Test
	void aDumpInPlaceIsSavedAndReportedWhenRetentionFails() throws IOException {
		SavedDumps dumps = dumps(1, Long.MAX_VALUE);
		SavedDump older = dumps.save(this.recorder, "older", "first");
		Path reason = this.directory.resolve(older.name() + ".reason");
		Files.delete(reason);
		Files.writeString(Files.createDirectories(reason).resolve("blocker"), "not deletable as a file");
		List<SavedDump> told = new ArrayList<>();
		dumps.addListener(told::add);
		SavedDump newer = dumps.save(this.recorder, "newer", "second");
		assertThat(told).containsExactly(newer);
		assertThat(this.directory.resolve(newer.name())).exists();
		assertThat(Files.readString(this.directory.resolve(newer.name() + ".reason"))).endsWith("second");
	}

	/**
	 * The dump is moved into place before its reason is written, so that a crash between
	 * the two never leaves a reason without its dump, which nothing would list or delete:
	 * seen here by a reason that cannot be written (a directory of its name), which leaves
	 * the dump saved.
	 */
	@Test
	void theDumpIsInPlaceBeforeItsReasonIsWritten() throws IOException {
		Clock fixed = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
		SavedDumps dumps = new SavedDumps(this.directory, "my app", 10, Long.MAX_VALUE, 1, fixed);
		Path reason = this.directory.resolve("my_app-20261128T120000000Z-manual.jfr.reason");
		Files.writeString(Files.createDirectories(reason).resolve("blocker"), "not writable as a file");
		SavedDump dump = dumps.save(this.recorder, "manual", "the reason");
		assertThat(dump.name()).isEqualTo("my_app-20261128T120000000Z-manual.jfr");
		assertThat(dumps.file(dump.name())).isPresent();
	}

	@Test
	void retentionDeletesTheOldestBeyondTheCount() throws IOException {
		SavedDumps dumps = dumps(3, Long.MAX_VALUE);
		List<String> names = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			names.add(dumps.save(this.recorder, "t" + i, "reason " + i).name());
		}
		assertThat(dumps.list()).extracting(SavedDump::name).containsExactly(names.get(4), names.get(3), names.get(2));
		try (var files = Files.list(this.directory)) {
			assertThat(files).hasSize(6);
		}
	}

	@Test
	void retentionDeletesTheOldestBeyondTheTotalSizeButKeepsTheNewest() throws IOException {
		SavedDumps probe = dumps(10, Long.MAX_VALUE);
		long size = probe.save(this.recorder, "probe", "size").size();
		probe.delete(probe.list().get(0).name());
		SavedDumps dumps = dumps(10, size * 5 / 2);
		List<SavedDump> saved = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			saved.add(dumps.save(this.recorder, "t" + i, "reason"));
		}
		List<SavedDump> kept = dumps.list();
		assertThat(kept.get(0).name()).isEqualTo(saved.get(3).name());
		assertThat(kept.size()).isBetween(1, 3).isLessThan(4);
		assertThat(kept.stream().skip(1).mapToLong(SavedDump::size).sum() + kept.get(0).size())
			.isLessThanOrEqualTo(size * 5 / 2 + kept.get(0).size());
		SavedDumps tiny = dumps(10, 1);
		SavedDump only = tiny.save(this.recorder, "big", "larger than the total");
		assertThat(tiny.list()).containsExactly(only);
	}

	@Test
	void aDumpDeletedAsSoonAsItIsWrittenIsStillReportedAsWritten() throws Exception {
		SavedDumps dumps = dumps(1000, Long.MAX_VALUE);
		AtomicBoolean saving = new AtomicBoolean(true);
		CompletableFuture<Integer> deleter = CompletableFuture.supplyAsync(() -> {
			int deleted = 0;
			while (saving.get()) {
				try {
					for (SavedDump dump : dumps.list()) {
						deleted += dumps.delete(dump.name()) ? 1 : 0;
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
			return deleted;
		});
		try {
			for (int i = 0; i < 20; i++) {
				assertThat(dumps.save(this.recorder, "t" + i, "reason").size()).isGreaterThan(1000);
			}
		}
		finally {
			saving.set(false);
		}
		assertThat(deleter.get()).isPositive();
	}

	@Test
	void aHalfWrittenDumpIsNeverListed() throws Exception {
		SavedDumps dumps = dumps(1000, Long.MAX_VALUE);
		Files.writeString(this.directory.resolve(".my_app-20261128T120000000Z-crashed.jfr-123.part"), "half");
		AtomicBoolean saving = new AtomicBoolean(true);
		CompletableFuture<Integer> lister = CompletableFuture.supplyAsync(() -> {
			int seen = 0;
			while (saving.get()) {
				try {
					for (SavedDump dump : dumps.list()) {
						assertThat(Files.size(this.directory.resolve(dump.name()))).isEqualTo(dump.size());
						assertThat(dump.size()).isGreaterThan(1000);
						seen++;
					}
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}
			return seen;
		});
		for (int i = 0; i < 10; i++) {
			dumps.save(this.recorder, "t" + i, "reason");
		}
		saving.set(false);
		assertThat(lister.get()).isPositive();
		assertThat(dumps.list()).hasSize(10).noneMatch((dump) -> dump.name().contains("crashed"));
		for (SavedDump dump : dumps.list()) {
			assertThat(RecordingFile.readAllEvents(this.directory.resolve(dump.name()))).isNotEmpty();
		}
	}

	@Test
	void namesThatAreNotSavedDumpsAreUnknown() throws IOException {
		SavedDumps dumps = dumps(10, Long.MAX_VALUE);
		String name = dumps.save(this.recorder, "t", "reason").name();
		Path outside = Files.writeString(this.directory.getParent().resolve("my_app-20261128T120000000Z-x.jfr"), "x");
		try {
			for (String unknown : List.of("../" + outside.getFileName(), outside.toString(), "..", ".", "",
					name + ".reason", "/etc/passwd", "other-20261128T120000000Z-t.jfr",
					"my_app-20261128T120000000Z-t.jfr/../" + name, name.replace(".jfr", ".part"))) {
				assertThat(dumps.file(unknown)).as(unknown).isEmpty();
				assertThat(dumps.delete(unknown)).as(unknown).isFalse();
			}
			assertThat(outside).exists();
			assertThat(dumps.file(name)).isPresent();
			assertThat(dumps.delete(name)).isTrue();
			assertThat(dumps.list()).isEmpty();
			try (var files = Files.list(this.directory)) {
				assertThat(files).isEmpty();
			}
		}
		finally {
			Files.delete(outside);
		}
	}

	/**
	 * A dump refused for lack of disk space leaves nothing, and its snapshot is told to the
	 * listeners as an error of the recorder, not as a client that went away.
	 */
	@Test
	void aDumpThatWouldLeaveTooLittleSpaceIsRefusedAndLeavesNothing() throws IOException {
		List<SnapshotOutcome> outcomes = new ArrayList<>();
		this.recorder.snapshotListeners().add(() -> (outcome, bytes) -> outcomes.add(outcome));
		SavedDumps dumps = new SavedDumps(this.directory, "my-app", 10, Long.MAX_VALUE, Long.MAX_VALUE / 2);
		assertThatExceptionOfType(InsufficientSpaceException.class)
			.isThrownBy(() -> dumps.save(this.recorder, "t", "reason"))
			.withMessageContaining("Not enough free space for a dump");
		try (var files = Files.list(this.directory)) {
			assertThat(files).isEmpty();
		}
		assertThat(outcomes).containsExactly(SnapshotOutcome.ERROR);
		assertThat(this.recorder.snapshot()).satisfies(Snapshot::close);
	}

	@Test
	void invalidLimitsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> dumps(0, 1)).withMessageContaining("(0)");
		assertThatIllegalArgumentException().isThrownBy(() -> dumps(1, 0)).withMessageContaining("(0)");
	}

	@Test
	void triggersKeepAStormToOneDumpAndCountWhatTheySkipped() throws Exception {
		SavedDumps dumps = dumps(10, Long.MAX_VALUE);
		List<String> events = new ArrayList<>();
		try (DumpTriggers triggers = new DumpTriggers(this.recorder, dumps, Duration.ZERO, Duration.ZERO)) {
			triggers.addListener(new DumpListener() {

				@Override
				public synchronized void skipped(String trigger, DumpSkippedException.Limit limit) {
					events.add("skipped " + trigger + " " + limit);
				}

				@Override
				public synchronized void written(SavedDump dump) {
					events.add("written " + dump.trigger());
				}

			});
			DumpTriggers.Trigger slow = triggers.trigger("slow", Duration.ofMinutes(1));
			List<CompletableFuture<SavedDump>> firings = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				firings.add(slow.fire("request " + i));
			}
			assertThat(firings.get(0).get().reason()).isEqualTo("request 0");
			assertThat(firings.subList(1, 50)).allSatisfy((firing) -> assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(firing::get)
				.withCauseInstanceOf(DumpSkippedException.class));
			assertThat(triggers.trigger("other", Duration.ofMinutes(1)).fire("other").get().trigger()).isEqualTo("other");
		}
		assertThat(dumps.list()).hasSize(2);
		assertThat(events).containsOnlyOnce("written slow", "written other")
			.filteredOn((event) -> event.equals("skipped slow COOLDOWN"))
			.hasSize(49);
	}

	@Test
	void globalCooldownHoldsBackOtherTriggers() throws Exception {
		try (DumpTriggers triggers = new DumpTriggers(this.recorder, dumps(10, Long.MAX_VALUE), Duration.ofMinutes(1),
				Duration.ZERO)) {
			assertThat(triggers.fire("a", "first").get()).isNotNull();
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> triggers.fire("b", "second").get())
				.withCauseInstanceOf(DumpSkippedException.class)
				.withMessageContaining("global cooldown");
		}
	}

	@Test
	void theExitDumpJfrWroteIsSavedAtTheNextStart() throws IOException {
		SavedDumps dumps = dumps(10, Long.MAX_VALUE);
		assertThat(dumps.adoptExitDump(Set.of())).isEmpty();
		MarkerEvent.commit("just before exit");
		try (OutputStream out = Files.newOutputStream(dumps.exitDumpFile())) {
			this.recorder.writeTo(out);
		}
		SavedDump adopted = dumps.adoptExitDump(Set.of("jdk.InitialEnvironmentVariable")).orElseThrow();
		assertThat(adopted.trigger()).isEqualTo("exit");
		assertThat(adopted.reason()).isEqualTo("written by JFR as the JVM exited");
		assertThat(dumps.list()).containsExactly(adopted);
		assertThat(Recordings.markers(Files.readAllBytes(dumps.file(adopted.name()).orElseThrow())))
			.contains("just before exit");
		assertThat(dumps.exitDumpFile()).doesNotExist();
	}

	@Test
	void anExitDumpThatIsEmptyOrHoldsRedactedEventsIsDeleted() throws IOException {
		SavedDumps dumps = dumps(10, Long.MAX_VALUE);
		Files.createFile(dumps.exitDumpFile());
		assertThat(dumps.adoptExitDump(Set.of())).isEmpty();
		assertThat(dumps.exitDumpFile()).doesNotExist();
		MarkerEvent.commit("a secret");
		try (OutputStream out = Files.newOutputStream(dumps.exitDumpFile())) {
			this.recorder.writeTo(out);
		}
		assertThat(dumps.adoptExitDump(Set.of("io.flightrecorder.test.Marker"))).isEmpty();
		assertThat(dumps.exitDumpFile()).doesNotExist();
		Files.writeString(dumps.exitDumpFile(), "not a recording");
		assertThat(dumps.adoptExitDump(Set.of())).isEmpty();
		assertThat(dumps.list()).isEmpty();
		try (var files = Files.list(this.directory)) {
			assertThat(files).isEmpty();
		}
	}

	private SavedDumps dumps(int maxCount, long maxTotalSize) {
		return new SavedDumps(this.directory, "my app", maxCount, maxTotalSize, 1, this.clock);
	}

}

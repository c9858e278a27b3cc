package io.flightrecorder.dump;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import io.flightrecorder.TracedObservationEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Saved dumps found by the trace IDs of the observations they hold, from their indexes.
 */
class TraceLookupTests {

	private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String OTHER_TRACE = "0af7651916cd43dd8448eb211c80319c";

	private final FlightRecorder recorder = new FlightRecorder(FlightRecorderConfig.DEFAULTS);

	@TempDir
	Path directory;

	private SavedDumps dumps;

	@BeforeEach
	void start() {
		this.recorder.start();
		this.dumps = TickingDumps.in(this.directory, "orders");
	}

	@AfterEach
	void stop() {
		this.recorder.stop();
	}

	@Test
	void aDumpIsFoundByTheTraceOfAnObservationItHolds() throws Exception {
		TracedObservationEvent.commit("/orders/{id}", TRACE, "00f067aa0ba902b7");
		TracedObservationEvent.commit("/health", OTHER_TRACE, "00f067aa0ba902b8");
		SavedDump dump = this.dumps.save(this.recorder, "slow", "test");
		List<TraceMatch> matches = this.dumps.findTrace(TraceId.parse(TRACE));
		assertThat(matches).singleElement().satisfies((match) -> {
			assertThat(match.dump().name()).isEqualTo(dump.name());
			assertThat(match.observations()).singleElement().satisfies((observation) -> {
				assertThat(observation.traceId()).isEqualTo(TRACE);
				assertThat(observation.spanId()).isEqualTo("00f067aa0ba902b7");
				assertThat(observation.name()).isEqualTo("http.server.requests");
				assertThat(observation.method()).isEqualTo("GET");
				assertThat(observation.uri()).isEqualTo("/orders/{id}");
				assertThat(observation.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(5));
				assertThat(observation.start()).isBefore(Instant.now());
			});
		});
		assertThat(this.dumps.findTrace(TraceId.parse("4BF92F3577B34DA6A3CE929D0E0E4736"))).hasSize(1);
		assertThat(this.dumps.findTrace(TraceId.parse("a3ce929d0e0e4736"))).as("the lower 64 bits").hasSize(1);
		assertThat(this.dumps.findTrace(TraceId.parse("4bf92f3577b34da6"))).as("the upper 64 bits").isEmpty();
		assertThat(this.dumps.findTrace(TraceId.parse("11111111111111111111111111111111"))).isEmpty();
	}

	@Test
	void aDumpIsIndexedOnceAndItsIndexDeletedWithIt() throws Exception {
		TracedObservationEvent.commit("/orders/{id}", TRACE, "00f067aa0ba902b7");
		SavedDump dump = this.dumps.save(this.recorder, "slow", "test");
		Path index = this.directory.resolve(dump.name() + ".traces");
		assertThat(index).doesNotExist();
		assertThat(this.dumps.findTrace(TraceId.parse(TRACE))).hasSize(1);
		assertThat(index).isRegularFile();
		Files.setLastModifiedTime(index, FileTime.fromMillis(0));
		assertThat(this.dumps.findTrace(TraceId.parse(TRACE))).hasSize(1);
		assertThat(Files.getLastModifiedTime(index)).as("not indexed twice").isEqualTo(FileTime.fromMillis(0));
		assertThat(this.dumps.delete(dump.name())).isTrue();
		try (Stream<Path> files = Files.list(this.directory)) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void aCorruptOrCutIndexIsRebuilt() throws Exception {
		TracedObservationEvent.commit("/orders/{id}", TRACE, "00f067aa0ba902b7");
		SavedDump dump = this.dumps.save(this.recorder, "slow", "test");
		Path index = this.dumps.traceIndex(dump.name()).orElseThrow();
		byte[] whole = Files.readAllBytes(index);
		for (byte[] corrupt : List.of("not gzip at all".getBytes(), new byte[0],
				java.util.Arrays.copyOf(whole, whole.length / 2), gzip("flight-recorder trace index 1\nx\tnothing\n"),
				gzip("flight-recorder trace index 1\nd\t" + dump.name() + "\no\t" + TRACE + "\tonly three\n"))) {
			Files.write(index, corrupt);
			assertThat(this.dumps.findTrace(TraceId.parse(TRACE))).hasSize(1);
			assertThat(Files.readAllBytes(index)).isEqualTo(whole);
		}
	}

	@Test
	void aDumpThatIsNotARecordingIsLeftOutAndGetsNoIndex() throws Exception {
		TracedObservationEvent.commit("/orders/{id}", TRACE, "00f067aa0ba902b7");
		SavedDump dump = this.dumps.save(this.recorder, "slow", "test");
		Path garbage = Files.writeString(this.directory.resolve("orders-20200101T000000000Z-slow.jfr"), "not a recording");
		assertThat(this.dumps.findTrace(TraceId.parse(TRACE))).extracting((match) -> match.dump().name())
			.containsExactly(dump.name());
		assertThat(garbage.resolveSibling(garbage.getFileName() + ".traces")).doesNotExist();
		try (Stream<Path> files = Files.list(this.directory)) {
			assertThat(files.map((file) -> file.getFileName().toString())).noneMatch((name) -> name.endsWith(".part"));
		}
	}

	@Test
	void aDumpWithoutTracedObservationsHasAnIndexThatSaysSo() throws Exception {
		SavedDump dump = this.dumps.save(this.recorder, "slow", "test");
		Path index = this.dumps.traceIndex(dump.name()).orElseThrow();
		try (InputStream in = Files.newInputStream(index)) {
			assertThat(TraceIndex.find(in, TraceId.parse(TRACE))).containsExactly(Map.entry(dump.name(), List.of()));
		}
	}

	@Test
	void theIndexesOfSeveralDumpsMergeIntoOneIndexOfOneGzipMember() throws Exception {
		TracedObservationEvent.commit("/orders/{id}", TRACE, "00f067aa0ba902b7");
		SavedDump first = this.dumps.save(this.recorder, "slow", "test");
		SavedDump second = this.dumps.save(this.recorder, "slow", "test");
		SavedDump third = this.dumps.save(this.recorder, "slow", "test");
		ByteArrayOutputStream merged = new ByteArrayOutputStream();
		try (TraceIndex.Merger merger = TraceIndex.merger(merged)) {
			for (SavedDump dump : List.of(first, second, third)) {
				try (InputStream in = Files.newInputStream(this.dumps.traceIndex(dump.name()).orElseThrow())) {
					merger.add(in, (name) -> !name.equals(second.name()));
				}
			}
		}
		InputStream trickle = new java.io.FilterInputStream(new ByteArrayInputStream(merged.toByteArray())) {
			@Override
			public int available() {
				return 0;
			}
		};
		assertThat(TraceIndex.find(trickle, TraceId.parse(TRACE))).as("read whole from a stream with nothing available")
			.containsOnlyKeys(first.name(), third.name())
			.allSatisfy((name, observations) -> assertThat(observations).hasSize(1));
	}

	@Test
	void badTraceIdsAreRefusedSayingWhatIsAccepted() {
		for (String bad : List.of("", "4bf92f3577b34da6a3ce929d0e0e473", "4bf92f3577b34da6a3ce929d0e0e47360",
				"4bf92f3577b34da6a3ce929d0e0e473g", "../../../../etc/passwd", "4bf92f35/7b34da6", "a".repeat(10_000),
				"00000000000000000000000000000000", "4bf92f3577b34da6\n3ce929d0e0e4736")) {
			assertThatIllegalArgumentException().isThrownBy(() -> TraceId.parse(bad))
				.withMessageContaining("is not a trace ID")
				.withMessageContaining("32 hexadecimal digits")
				.withMessageContaining("(" + bad.length() + " characters)")
				.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(300).doesNotContain("\n"));
		}
	}

	private static byte[] gzip(String text) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
			out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}

}

package io.flightrecorder.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector's conditions, made to happen for real in a JVM with a small heap of its own
 * ({@link CollectorCondition}): a long pause and a heap still full after a collection under
 * G1, and an allocation stall under ZGC.
 */
class CollectorConditionTests {

	@TempDir
	Path directory;

	@Test
	void aLargeLiveSetInASmallHeapFiresGcPauseAndHeapAfterGc() throws Exception {
		run("full-heap", "-XX:+UseG1GC", "-Xmx96m");
		List<RecordedEvent> pause = events("gc-pause");
		RecordedEvent trigger = trigger(pause, "gc-pause");
		assertThat(trigger.getString("value")).startsWith("longestPause ").endsWith(" > 10.0 ms");
		assertThat(pause).anySatisfy((event) -> {
			assertThat(event.getEventType().getName()).isEqualTo("jdk.GarbageCollection");
			assertThat(event.getDuration("longestPause")).isGreaterThan(Duration.ofMillis(10));
			assertThat(Duration.between(event.getStartTime(), trigger.getInstant("eventStart")).abs())
				.as("the start the trigger says: the stream and a file can convert JFR's ticks a few ms apart")
				.isLessThan(Duration.ofMillis(50));
		});
		List<RecordedEvent> heap = events("heap-after-gc");
		assertThat(trigger(heap, "heap-after-gc").getString("value")).startsWith("heapUsed ").contains(" of the maximum ").endsWith(" > 60 %");
		assertThat(heap).anySatisfy((event) -> {
			assertThat(event.getEventType().getName()).isEqualTo("jdk.GCHeapSummary");
			assertThat(event.getString("when")).isEqualTo("After GC");
			assertThat(event.getLong("heapUsed")).isGreaterThan(96L * 1024 * 1024 * 60 / 100);
		});
	}

	@Test
	void allocatingFasterThanZgcCollectsFiresAllocationStall() throws Exception {
		run("allocation-stall", "-XX:+UseZGC", "-Xmx64m");
		List<RecordedEvent> stall = events("allocation-stall");
		assertThat(trigger(stall, "allocation-stall").getString("value")).startsWith("duration ");
		assertThat(trigger(stall, "allocation-stall").getString("thread")).isNotBlank();
		assertThat(trigger(stall, "allocation-stall").getString("stack")).isNotBlank();
		assertThat(stall).anySatisfy((event) -> {
			assertThat(event.getEventType().getName()).isEqualTo("jdk.ZAllocationStall");
			assertThat(event.getThread().getJavaName()).startsWith("allocating-");
			assertThat(event.getStackTrace().getFrames())
				.anyMatch((frame) -> frame.getMethod().getType().getName().equals(CollectorCondition.class.getName()));
		});
	}

	private void run(String condition, String... jvmOptions) throws Exception {
		List<String> command = new java.util.ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of(jvmOptions));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), CollectorCondition.class.getName(),
				this.directory.toString(), condition));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("output.txt").toFile())
			.start();
		boolean exited = process.waitFor(120, TimeUnit.SECONDS);
		if (!exited) {
			process.destroyForcibly();
		}
		assertThat(exited && process.exitValue() == 0)
			.as(() -> "the condition's JVM exited normally:\n" + output())
			.isTrue();
	}

	private String output() {
		try {
			return Files.readString(this.directory.resolve("output.txt"));
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private List<RecordedEvent> events(String rule) throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			Path dump = files.filter((file) -> file.getFileName().toString().endsWith("-event-" + rule + ".jfr"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no dump of " + rule + ":\n" + output()));
			return RecordingFile.readAllEvents(dump);
		}
	}

	private static RecordedEvent trigger(List<RecordedEvent> events, String rule) {
		return events.stream()
			.filter((event) -> event.getEventType().getName().equals("io.flightrecorder.EventTrigger"))
			.filter((event) -> event.getString("rule").equals(rule))
			.findFirst()
			.orElseThrow();
	}

}

package io.flightrecorder.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.management.OperatingSystemMXBean;
import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.events.EventRule;
import io.flightrecorder.events.EventRules;
import io.flightrecorder.events.EventTriggers;
import io.flightrecorder.internal.DirectoryTrees;
import jdk.jfr.consumer.RecordingStream;

/**
 * What reading JFR's events for the event triggers costs, read two ways: the ring's own
 * repository ({@code EventStream.openRepository()}, what {@link EventTriggers} does), or a
 * {@link RecordingStream} of its own (a second recording with the rules' events, whose chunks
 * JFR merges with the ring's), against the ring alone. The same three rules (gc-pause, monitor-wait, safepoint, whose settings
 * record two events per safepoint) test the events either way; none fires. Each round runs
 * the three modes one after the other, in a turning order, for the given seconds each, under
 * a load of JFR events of the given rate, and measures the process's CPU time. Prints one
 * Markdown row: the medians over the rounds of the CPU milliseconds per second of each mode,
 * and of each reading mode's extra over the ring alone.
 * <p>
 * Usage: {@code EventStreamCost [rounds] [seconds] [load bytes per second]}, by default 6, 10
 * and 1 MiB.
 */
public final class EventStreamCost {

	private static final List<String> MODES = List.of("ring", "openRepository", "RecordingStream");

	private EventStreamCost() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 6;
		int seconds = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		long rate = (args.length > 2) ? Long.parseLong(args[2]) : 1024 * 1024;
		List<EventRule> rules = List.of(EventRules.gcPause(Duration.ofMillis(500)),
				EventRules.monitorWait(Duration.ofSeconds(1)), EventRules.safepoint(Duration.ofMillis(500)));
		Map<String, Duration> required = EventTriggers.requiredEvents(rules);
		Path directory = Files.createTempDirectory("event-stream-cost");
		FlightRecorder recorder = new FlightRecorder(
				FlightRecorderConfig.builder().requiredEvents(required).build());
		Map<String, List<Double>> cpu = new LinkedHashMap<>();
		MODES.forEach((mode) -> cpu.put(mode, new ArrayList<>()));
		recorder.start();
		try (Load load = new Load(rate);
				DumpTriggers triggers = new DumpTriggers(recorder,
						new SavedDumps(directory, "benchmark", 3, Long.MAX_VALUE, 0), Duration.ZERO, Duration.ZERO)) {
			Thread.sleep(5000);
			for (int round = 0; round < rounds; round++) {
				for (int i = 0; i < MODES.size(); i++) {
					String mode = MODES.get((round + i) % MODES.size());
					cpu.get(mode).add(measure(mode, seconds, rules, required, triggers));
				}
			}
		}
		finally {
			recorder.stop();
			DirectoryTrees.delete(directory);
		}
		double ring = median(cpu.get("ring"));
		double repository = median(cpu.get("openRepository"));
		double recordingStream = median(cpu.get("RecordingStream"));
		System.out.printf("| %.1f | %.1f (+%.1f) | %.1f (+%.1f) |%n", ring, repository, repository - ring,
				recordingStream, recordingStream - ring);
	}

	/**
	 * Runs one mode for the given seconds, and returns the process's CPU milliseconds per
	 * second meanwhile.
	 */
	private static double measure(String mode, int seconds, List<EventRule> rules, Map<String, Duration> required,
			DumpTriggers triggers) throws Exception {
		AutoCloseable reading = switch (mode) {
			case "openRepository" -> {
				Map<EventRule, Duration> cooldowns = new LinkedHashMap<>();
				rules.forEach((rule) -> cooldowns.put(rule, Duration.ofHours(1)));
				EventTriggers events = new EventTriggers(triggers, cooldowns);
				events.start();
				yield events;
			}
			case "RecordingStream" -> {
				RecordingStream stream = new RecordingStream();
				required.forEach((event, threshold) -> stream.enable(event).withThreshold(threshold));
				for (EventRule rule : rules) {
					rule.events().keySet().forEach((event) -> stream.onEvent(event, rule::test));
				}
				stream.startAsync();
				yield stream;
			}
			default -> () -> {
			};
		};
		OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
		try (reading) {
			Thread.sleep(2000);
			long cpu = os.getProcessCpuTime();
			long start = System.nanoTime();
			Thread.sleep(seconds * 1000L);
			return (os.getProcessCpuTime() - cpu) / 1e6 / ((System.nanoTime() - start) / 1e9);
		}
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

}

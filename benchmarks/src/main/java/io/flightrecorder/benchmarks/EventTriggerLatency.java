package io.flightrecorder.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import io.flightrecorder.dump.DumpListener;
import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.events.EventRule;
import io.flightrecorder.events.EventRules;
import io.flightrecorder.events.EventTriggers;
import io.flightrecorder.events.MonitorContention;
import io.flightrecorder.internal.DirectoryTrees;

/**
 * The time from a JFR event's end to its saved dump: a real monitor wait of 300 ms (a thread
 * blocked on a monitor another holds) fires the {@code monitor-wait} rule at 100 ms, under
 * 256 KiB/s of other events, with the default 10 MiB ring; each firing waits for the dump,
 * then for a random time up to 2 s, so that the waits fall at any time of JFR's flushes (once
 * a second), before the next wait. Prints one Markdown row: firings, then the median and the max of the
 * time from the event's end to the firing (the stream's part), and to the saved dump. The
 * first wait, which the stream may open after, is not counted.
 * <p>
 * Usage: {@code EventTriggerLatency [firings]}, by default 20.
 */
public final class EventTriggerLatency {

	private EventTriggerLatency() {
	}

	public static void main(String[] args) throws Exception {
		int firings = (args.length > 0) ? Integer.parseInt(args[0]) : 20;
		Path directory = Files.createTempDirectory("event-trigger-latency");
		List<EventRule> rules = List.of(EventRules.monitorWait(Duration.ofMillis(100)));
		FlightRecorder recorder = new FlightRecorder(
				FlightRecorderConfig.builder().requiredEvents(EventTriggers.requiredEvents(rules)).build());
		LinkedBlockingQueue<Instant> fired = new LinkedBlockingQueue<>();
		LinkedBlockingQueue<Instant> written = new LinkedBlockingQueue<>();
		List<Double> toFiring = new ArrayList<>();
		List<Double> toDump = new ArrayList<>();
		recorder.start();
		try (Load load = new Load(256 * 1024);
				DumpTriggers triggers = new DumpTriggers(recorder,
						new SavedDumps(directory, "benchmark", 3, Long.MAX_VALUE, 0), Duration.ZERO, Duration.ZERO);
				EventTriggers events = new EventTriggers(triggers, Map.of(rules.get(0), Duration.ZERO))) {
			triggers.addListener(new DumpListener() {

				@Override
				public void fired(String trigger) {
					fired.add(Instant.now());
				}

				@Override
				public void written(SavedDump dump) {
					written.add(Instant.now());
				}

			});
			events.start();
			Thread.sleep(2000);
			for (int i = 0; i <= firings; i++) {
				Instant end = MonitorContention.contend(300, "blocked");
				Instant firing = fired.poll(30, TimeUnit.SECONDS);
				Instant dump = written.poll(30, TimeUnit.SECONDS);
				if (firing == null || dump == null) {
					throw new IllegalStateException("No dump 30 s after monitor wait " + i);
				}
				if (i > 0) {
					toFiring.add(Duration.between(end, firing).toNanos() / 1e6);
					toDump.add(Duration.between(end, dump).toNanos() / 1e6);
				}
				Thread.sleep(ThreadLocalRandom.current().nextLong(2000));
			}
		}
		finally {
			recorder.stop();
			DirectoryTrees.delete(directory);
		}
		System.out.printf("| %d | %.0f | %.0f | %.0f | %.0f |%n", toDump.size(), median(toFiring),
				Collections.max(toFiring), median(toDump), Collections.max(toDump));
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

}

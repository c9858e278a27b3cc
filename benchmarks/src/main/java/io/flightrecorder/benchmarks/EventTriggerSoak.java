package io.flightrecorder.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import io.flightrecorder.dump.DumpListener;
import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.events.EventRule;
import io.flightrecorder.events.EventThreshold;
import io.flightrecorder.events.EventTriggers;
import io.flightrecorder.internal.DirectoryTrees;
import jdk.jfr.Event;
import jdk.jfr.Name;

/**
 * The heap the event triggers hold over a long run of firings: a rule on an event of its own
 * fires every given seconds (no cooldown), each firing a dump (the newest 5 kept), under
 * 256 KiB/s of other events with the default 10 MiB ring. Every minute, after a full
 * collection, prints one Markdown row: the minute, the heap used, the dumps written so far.
 * <p>
 * Usage: {@code EventTriggerSoak [minutes] [seconds between firings]}, by default 30 and 2.
 */
public final class EventTriggerSoak {

	private EventTriggerSoak() {
	}

	public static void main(String[] args) throws Exception {
		int minutes = (args.length > 0) ? Integer.parseInt(args[0]) : 30;
		int every = (args.length > 1) ? Integer.parseInt(args[1]) : 2;
		Path directory = Files.createTempDirectory("event-trigger-soak");
		jdk.jfr.FlightRecorder.register(SoakEvent.class);
		EventRule rule = EventThreshold.of("soak", SoakEvent.NAME, null, null);
		FlightRecorder recorder = new FlightRecorder(
				FlightRecorderConfig.builder().requiredEvents(EventTriggers.requiredEvents(List.of(rule))).build());
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		AtomicLong written = new AtomicLong();
		recorder.start();
		try (Load load = new Load(256 * 1024);
				DumpTriggers triggers = new DumpTriggers(recorder,
						new SavedDumps(directory, "benchmark", 5, Long.MAX_VALUE, 0), Duration.ZERO, Duration.ZERO);
				EventTriggers events = new EventTriggers(triggers, Map.of(rule, Duration.ZERO))) {
			triggers.addListener(new DumpListener() {

				@Override
				public void written(SavedDump dump) {
					written.incrementAndGet();
				}

			});
			events.start();
			long end = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
			long nextReport = System.nanoTime();
			int minute = 0;
			while (System.nanoTime() < end) {
				if (System.nanoTime() >= nextReport) {
					System.gc();
					System.out.printf("| %d | %.1f | %d |%n", minute++,
							memory.getHeapMemoryUsage().getUsed() / 1048576.0, written.get());
					nextReport += Duration.ofMinutes(1).toNanos();
				}
				new SoakEvent().commit();
				Thread.sleep(every * 1000L);
			}
			System.gc();
			System.out.printf("| %d | %.1f | %d |%n", minute, memory.getHeapMemoryUsage().getUsed() / 1048576.0,
					written.get());
		}
		finally {
			recorder.stop();
			DirectoryTrees.delete(directory);
		}
	}

	@Name(SoakEvent.NAME)
	static class SoakEvent extends Event {

		static final String NAME = "io.flightrecorder.benchmarks.SoakFiring";

	}

}

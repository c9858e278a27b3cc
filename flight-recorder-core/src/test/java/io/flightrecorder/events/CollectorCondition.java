package io.flightrecorder.events;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A JVM of its own, with a small heap, that makes a collector's condition happen for real
 * under a recorder with event rules, and exits once each rule's dump is written: for
 * {@link CollectorConditionTests}.
 * <p>
 * Usage: {@code CollectorCondition DIRECTORY full-heap|allocation-stall}
 */
public final class CollectorCondition {

	private CollectorCondition() {
	}

	public static void main(String[] args) throws Exception {
		Path directory = Path.of(args[0]);
		boolean fullHeap = args[1].equals("full-heap");
		EventRule[] rules = fullHeap
				? new EventRule[] { EventRules.gcPause(Duration.ofMillis(10)), EventRules.heapAfterGc(60) }
				: new EventRule[] { EventRules.allocationStall(Duration.ZERO) };
		try (EventTriggerHarness harness = new EventTriggerHarness(directory, rules)) {
			long maximum = Runtime.getRuntime().maxMemory();
			List<long[]> live = new ArrayList<>();
			while (used() < maximum * (fullHeap ? 0.7 : 0.5)) {
				live.add(new long[14]);
			}
			AtomicBoolean done = new AtomicBoolean();
			List<Thread> allocating = new ArrayList<>();
			for (int i = 0; i < (fullHeap ? 0 : 4); i++) {
				allocating.add(new Thread(() -> {
					while (!done.get()) {
						blackhole(new byte[4096]);
					}
				}, "allocating-" + i));
			}
			allocating.forEach(Thread::start);
			for (EventRule rule : rules) {
				if (fullHeap) {
					System.gc();
				}
				harness.awaitDump(rule.name());
			}
			done.set(true);
			System.out.println("live objects: " + live.size());
		}
	}

	private static long used() {
		return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
	}

	private static volatile Object sink;

	private static void blackhole(Object value) {
		sink = value;
	}

}

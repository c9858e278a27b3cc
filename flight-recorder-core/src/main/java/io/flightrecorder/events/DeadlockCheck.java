package io.flightrecorder.events;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.internal.BackgroundWork;
import org.jspecify.annotations.Nullable;

/**
 * Fires a dump, named {@code ...-event-deadlock.jfr}, when threads are deadlocked: JFR has no
 * deadlock event, so {@link ThreadMXBean#findDeadlockedThreads()} is asked on a fixed
 * interval, on a daemon thread of its own. Each check is a short safepoint, as a thread dump
 * is. A deadlock fires once: the same threads deadlocked at the next checks do not fire
 * again, as a deadlock never ends; a deadlock of other threads does. The dump holds an
 * {@code io.flightrecorder.EventTrigger} event with the deadlocked threads' stacks and the
 * locks they hold and wait for.
 */
public final class DeadlockCheck implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(DeadlockCheck.class.getName());

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final DumpTriggers.Trigger trigger;

	private final Duration interval;

	private Set<Long> reported = Set.of();

	private @Nullable ScheduledExecutorService checker;

	/**
	 * Creates the check, not yet started.
	 * @param triggers what fires the dumps
	 * @param interval the time between two checks, positive
	 * @param cooldown the least time between two of its dumps
	 */
	public DeadlockCheck(DumpTriggers triggers, Duration interval, Duration cooldown) {
		if (interval.isZero() || interval.isNegative()) {
			throw new IllegalArgumentException("The deadlock check interval must be positive, but was " + interval);
		}
		this.trigger = triggers.trigger("event-deadlock", cooldown);
		this.interval = interval;
	}

	/**
	 * Starts checking, the first time after one interval. Does nothing when started already.
	 */
	public synchronized void start() {
		if (this.checker == null) {
			ScheduledExecutorService started = BackgroundWork.newScheduler("deadlock-check");
			long nanos = this.interval.toNanos();
			started.scheduleWithFixedDelay(BackgroundWork.logFailures("Checking for deadlocked threads", this::check),
					nanos, nanos, TimeUnit.NANOSECONDS);
			this.checker = started;
		}
	}

	/**
	 * Stops checking.
	 */
	@Override
	public synchronized void close() {
		if (this.checker != null) {
			this.checker.shutdownNow();
			this.checker = null;
		}
	}

	private void check() {
		long[] ids = this.threads.findDeadlockedThreads();
		Set<Long> deadlocked = (ids != null) ? new HashSet<>(Arrays.stream(ids).boxed().toList()) : Set.of();
		if (!deadlocked.isEmpty() && !this.reported.containsAll(deadlocked)) {
			ThreadInfo[] infos = Arrays.stream(this.threads.getThreadInfo(ids, true, true))
				.filter((info) -> info != null)
				.toArray(ThreadInfo[]::new);
			logger.log(System.Logger.Level.WARNING, "Deadlocked threads:\n" + Stacks.of(infos));
			new EventFiring("deadlock", describe(infos), null, Instant.now(), Duration.ZERO, Stacks.of(infos))
				.fire(this.trigger, "deadlock");
		}
		this.reported = deadlocked;
	}

	/**
	 * Says who waits for whom, such as {@code of 2 threads: 'a' waits for
	 * java.lang.Object@1b6d3586 held by 'b', 'b' waits for ... held by 'a'}.
	 */
	private static String describe(ThreadInfo[] infos) {
		StringJoiner waits = new StringJoiner(", ", "of " + infos.length + " threads: ", "");
		for (ThreadInfo info : infos) {
			waits.add("'" + info.getThreadName() + "' waits for " + info.getLockName() + " held by '"
					+ info.getLockOwnerName() + "'");
		}
		return waits.toString();
	}

}

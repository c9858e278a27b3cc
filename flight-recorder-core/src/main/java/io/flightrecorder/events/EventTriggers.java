package io.flightrecorder.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.internal.BackgroundWork;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import org.jspecify.annotations.Nullable;

/**
 * Fires dumps on JFR's own events: reads the events the {@link EventRule rules} need as JFR
 * flushes them to the repository the ring records into ({@link EventStream#openRepository()},
 * about once a second), tests each against its rules, and fires the rule's trigger, named
 * {@code event-<rule>}, with the event's value, thread and time as the reason. Before it
 * fires, it commits an {@code io.flightrecorder.EventTrigger} event holding the event's stack,
 * which the dump then holds.
 * <p>
 * No second recording is made: the stream reads the chunks the ring writes, and the ring
 * records the events the rules need because its configuration
 * ({@link io.flightrecorder.FlightRecorderConfig.Builder#requiredEvents}) says so; see
 * {@link #requiredEvents}. (A {@code RecordingStream} of its own, which JFR would merge into
 * the same chunks, measured no cheaper: docs/performance.md.) While the recorder is stopped,
 * nothing is recorded and nothing fires.
 * <p>
 * A firing happens about a second or two after its event ended, and its dump, taken then,
 * holds it. The stream sees only events flushed after it started; while the recorder is
 * stopped, it waits. A rule that throws an exception skips that event; a stream that fails (an
 * error thrown out of a rule, or JFR's own failure) is logged once, reported by
 * {@link #failure()} and opened again after a second, then after up to 30 s: events flushed
 * meanwhile are not seen.
 */
public final class EventTriggers implements AutoCloseable {

	/**
	 * The name of the event committed when a rule fires, which its dump holds.
	 */
	public static final String TRIGGER_EVENT = "io.flightrecorder.EventTrigger";

	private static final System.Logger logger = System.getLogger(EventTriggers.class.getName());

	private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

	private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * The most firings waiting to be committed and fired: they are rare, and a storm of them
	 * gives one dump anyway.
	 */
	private static final int MAX_QUEUED = 64;

	private final Map<String, List<Watched>> byEvent = new HashMap<>();

	private final Set<String> rules = new LinkedHashSet<>();

	private final ThreadPoolExecutor firing;

	private final Object lock = new Object();

	private @Nullable Thread reader;

	private @Nullable EventStream stream;

	private boolean closed;

	private volatile @Nullable String failure;

	/**
	 * Creates the triggers of event rules, not yet started.
	 * @param triggers what fires the dumps
	 * @param rules the rules, each with its cooldown
	 */
	public EventTriggers(DumpTriggers triggers, Map<EventRule, Duration> rules) {
		rules.forEach((rule, cooldown) -> {
			this.rules.add(rule.name());
			Watched watched = new Watched(rule, triggers.trigger("event-" + rule.name(), cooldown));
			rule.events()
				.keySet()
				.forEach((event) -> this.byEvent.computeIfAbsent(event, (key) -> new ArrayList<>()).add(watched));
		});
		this.firing = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_QUEUED),
				(task) -> BackgroundWork.newThread("event-trigger", task), new ThreadPoolExecutor.DiscardPolicy());
	}

	/**
	 * Returns the events the ring must record for the given rules, each with the highest
	 * threshold that lets every rule reading it see what it fires on.
	 * @param rules the rules
	 * @return the events' names and thresholds, for
	 * {@link io.flightrecorder.FlightRecorderConfig.Builder#requiredEvents}
	 */
	public static Map<String, Duration> requiredEvents(Iterable<EventRule> rules) {
		Map<String, Duration> events = new LinkedHashMap<>();
		for (EventRule rule : rules) {
			rule.events().forEach((event, threshold) -> events.merge(event, threshold,
					(one, other) -> (one.compareTo(other) <= 0) ? one : other));
		}
		return events;
	}

	/**
	 * Starts reading the events, on a daemon thread of its own. Does nothing without rules,
	 * or when started already.
	 */
	public void start() {
		synchronized (this.lock) {
			if (this.reader == null && !this.closed && !this.byEvent.isEmpty()) {
				Thread started = BackgroundWork.newThread("event-stream", this::read);
				this.reader = started;
				started.start();
			}
		}
	}

	/**
	 * Returns the names of the rules.
	 * @return the names, such as {@code gc-pause}
	 */
	public Set<String> rules() {
		return Collections.unmodifiableSet(this.rules);
	}

	/**
	 * Returns why the stream is not reading, or {@code null} while it is (or was never
	 * started).
	 * @return the failure, such as {@code The event stream failed: java.io.IOException: ...;
	 * reopening in 4 s}
	 */
	public @Nullable String failure() {
		return this.failure;
	}

	/**
	 * Stops reading, and waits up to 5 seconds for the stream's thread to end. Firings the
	 * stream handed over are still fired.
	 */
	@Override
	public void close() {
		Thread running;
		synchronized (this.lock) {
			this.closed = true;
			running = this.reader;
			if (this.stream != null) {
				this.stream.close();
			}
			this.lock.notifyAll();
		}
		this.firing.shutdown();
		if (running != null) {
			try {
				running.join(CLOSE_TIMEOUT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Reads streams, one after the other, until closed: a stream that ends or fails is
	 * replaced after a pause that doubles with each failure in a row.
	 */
	private void read() {
		Duration retry = FIRST_RETRY;
		boolean logged = false;
		while (true) {
			String failed;
			try (EventStream opened = EventStream.openRepository()) {
				this.byEvent.forEach((event, watched) -> opened.onEvent(event, (recorded) -> test(watched, recorded)));
				synchronized (this.lock) {
					if (this.closed) {
						return;
					}
					this.stream = opened;
				}
				opened.onFlush(this::healthy);
				opened.start();
				failed = "The event stream ended";
			}
			catch (Throwable ex) {
				failed = "The event stream failed: " + ex;
			}
			synchronized (this.lock) {
				this.stream = null;
				if (this.closed) {
					return;
				}
				this.failure = failed + "; reopening in " + retry.toSeconds() + " s";
				if (!logged) {
					logger.log(System.Logger.Level.WARNING, "The flight recorder's event triggers: " + this.failure
							+ " (logged once; later failures at DEBUG)");
					logged = true;
				}
				else {
					logger.log(System.Logger.Level.DEBUG, this.failure);
				}
				try {
					this.lock.wait(retry.toMillis());
				}
				catch (InterruptedException ex) {
					return;
				}
				if (this.closed) {
					return;
				}
			}
			retry = (retry.compareTo(LONGEST_RETRY.dividedBy(2)) < 0) ? retry.multipliedBy(2) : LONGEST_RETRY;
		}
	}

	/**
	 * Clears the failure once a stream reads again.
	 */
	private void healthy() {
		if (this.failure != null) {
			this.failure = null;
			logger.log(System.Logger.Level.INFO, "The flight recorder's event triggers read events again");
		}
	}

	private void test(List<Watched> watched, RecordedEvent event) {
		for (Watched one : watched) {
			EventFiring fired;
			try {
				fired = one.rule().test(event);
			}
			catch (RuntimeException ex) {
				logger.log(System.Logger.Level.DEBUG, "The event rule " + one.rule().name() + " could not test "
						+ event.getEventType().getName(), ex);
				continue;
			}
			if (fired != null) {
				fire(one.trigger(), one.rule().name(), fired);
			}
		}
	}

	/**
	 * Fires on another thread than the stream's: JFR does not record the events of the thread
	 * that reads its stream, and the trigger's event must be in the dump.
	 */
	private void fire(DumpTriggers.Trigger trigger, String rule, EventFiring fired) {
		this.firing.execute(() -> fired.fire(trigger, rule));
	}

	private record Watched(EventRule rule, DumpTriggers.Trigger trigger) {

	}

}

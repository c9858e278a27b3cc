package io.flightrecorder.events;

import java.time.Duration;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import org.jspecify.annotations.Nullable;

/**
 * A condition on the JFR events the ring records that fires a dump: {@link EventThreshold} for
 * a value of one event, or one of the ready-made {@link EventRules}.
 * <p>
 * A rule is tested on one thread, the event stream's, in the order JFR flushed the events; it
 * may keep state between events (a safepoint's begin until its end) but must bound it.
 */
public interface EventRule {

	/**
	 * Returns the rule's name, which the trigger's and its dumps' names end with, as in
	 * {@code ...-event-gc-pause.jfr}.
	 * @return the name, such as {@code gc-pause}
	 */
	String name();

	/**
	 * Returns the events this rule reads, each with the highest threshold it can be recorded
	 * with for the rule to see the events it fires on: the ring records each of them at that
	 * threshold or below, whatever its settings say. {@link Duration#ZERO} for all of them.
	 * @return the events' names and thresholds
	 */
	Map<String, Duration> events();

	/**
	 * Tests one event.
	 * @param event an event of one of the {@link #events()}
	 * @return what fired, or {@code null} when the event does not fire the rule
	 */
	@Nullable EventFiring test(RecordedEvent event);

}

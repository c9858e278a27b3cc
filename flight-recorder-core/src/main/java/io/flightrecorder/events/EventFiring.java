package io.flightrecorder.events;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.flightrecorder.dump.DumpTriggers;
import org.jspecify.annotations.Nullable;

/**
 * What fired an event trigger, as its dump's reason and the report page tell it.
 *
 * @param event the event's name, such as {@code jdk.GarbageCollection}
 * @param value what was above the rule's threshold, such as
 * {@code longestPause 912.3 ms > 500 ms}
 * @param thread the thread the event happened in, or {@code null} for the JVM's own
 * @param start when the event started
 * @param duration how long it lasted; zero for an instant
 * @param stack the stack of the thread when it happened, one frame per line, or
 * {@code null} when the event has none
 */
public record EventFiring(String event, String value, @Nullable String thread, Instant start, Duration duration,
		@Nullable String stack) {

	/**
	 * Returns the dump's reason: the event, its value, its thread and when it happened.
	 * @return such as {@code jdk.JavaMonitorEnter duration 5012.0 ms > 1000 ms in thread
	 * 'http-nio-8080-exec-3' at 2026-12-07T10:15:30.123Z}
	 */
	public String reason() {
		return this.event + " " + this.value + ((this.thread != null) ? " in thread '" + this.thread + "'" : "")
				+ " at " + this.start.truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * Commits the {@code io.flightrecorder.EventTrigger} event of this firing, then fires the
	 * trigger, so that its dump holds the event. Not on the event stream's thread, whose events
	 * JFR leaves out.
	 */
	void fire(DumpTriggers.Trigger trigger, String rule) {
		TriggerEvent.commit(rule, this);
		trigger.fire(reason());
	}

}

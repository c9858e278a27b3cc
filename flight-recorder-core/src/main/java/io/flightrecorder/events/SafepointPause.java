package io.flightrecorder.events;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import org.jspecify.annotations.Nullable;

/**
 * Fires when a safepoint stopped every Java thread for longer than a duration: from the
 * start of {@code jdk.SafepointBegin} (the time to reach the safepoint) to the end of
 * {@code jdk.SafepointEnd}, whatever ran in between (a collection, a heap dump, a
 * deoptimization). Neither event alone covers the whole stop, so both are recorded for every
 * safepoint.
 */
final class SafepointPause implements EventRule {

	private static final String BEGIN = "jdk.SafepointBegin";

	private static final String END = "jdk.SafepointEnd";

	/**
	 * The most safepoints kept waiting for their end: they are one at a time, so a few is
	 * plenty, and an end that was never recorded cannot make it grow.
	 */
	private static final int MAX_OPEN = 16;

	private final Duration above;

	private final Map<Long, Instant> begins = new LinkedHashMap<>() {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, Instant> eldest) {
			return size() > MAX_OPEN;
		}

	};

	SafepointPause(Duration above) {
		EventTypes.find(BEGIN);
		EventTypes.find(END);
		this.above = above;
	}

	@Override
	public String name() {
		return "safepoint";
	}

	@Override
	public Map<String, Duration> events() {
		return Map.of(BEGIN, Duration.ZERO, END, Duration.ZERO);
	}

	@Override
	public @Nullable EventFiring test(RecordedEvent event) {
		long id = event.getLong("safepointId");
		if (event.getEventType().getName().equals(BEGIN)) {
			this.begins.put(id, event.getStartTime());
			return null;
		}
		Instant begin = this.begins.remove(id);
		if (begin == null) {
			return null;
		}
		Duration stopped = Duration.between(begin, event.getEndTime());
		return (stopped.compareTo(this.above) > 0) ? new EventFiring(BEGIN, "safepoint " + id
				+ " stopped all Java threads for " + EventThreshold.millis(stopped) + " > "
				+ EventThreshold.millis(this.above), null, begin, stopped, null) : null;
	}

}

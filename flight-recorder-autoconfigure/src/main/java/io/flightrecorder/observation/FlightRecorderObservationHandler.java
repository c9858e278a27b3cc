package io.flightrecorder.observation;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import jdk.jfr.Event;
import org.jspecify.annotations.Nullable;

/**
 * The flight recorder's one observation handler: commits a JFR event for each finished
 * observation that lasted at least a threshold, then tells the {@link ObservationStopListener
 * listeners} (the dump triggers) that it stopped.
 * <p>
 * One handler does both on purpose. Micrometer calls every registered handler, for every
 * observation and each of its events and scopes, from one call site per notification; once
 * more than two handler classes reach a call site, the JIT no longer inlines it, and every
 * observation of the application pays, not just the ones recorded. Spring Security alone
 * sends two events per filter of its chain for each request. One handler of the starter's
 * adds one class to those call sites, whatever the starter watches.
 * <p>
 * Cheap when neither JFR records the event nor a listener is told (one check, no
 * allocation), and below the threshold (two objects, three clock reads, one entry in the
 * observation's context). The event starts when the observation starts and ends when it
 * stops, so it covers the work done between. Observations whose names start with an ignored
 * prefix are never recorded, but still told to the listeners: Spring Security, for one,
 * observes several steps of its filter chain within each request, each costing what the
 * request's own observation costs.
 */
public final class FlightRecorderObservationHandler implements ObservationHandler<Observation.Context> {

	private final boolean recordEvents;

	private final long thresholdNanos;

	private final String[] ignoredPrefixes;

	private final ObservationStopListener[] listeners;

	/**
	 * Creates a handler.
	 * @param threshold the shortest observation recorded as a JFR event, zero or more; null
	 * to record none
	 * @param ignoredPrefixes prefixes of the names of observations never recorded as events
	 * @param listeners told of each observation that stops, in this order
	 */
	public FlightRecorderObservationHandler(@Nullable Duration threshold, Collection<String> ignoredPrefixes,
			List<ObservationStopListener> listeners) {
		if (threshold != null && threshold.isNegative()) {
			throw new IllegalArgumentException("Threshold must not be negative, but was " + threshold);
		}
		this.recordEvents = threshold != null;
		this.thresholdNanos = (threshold != null) ? threshold.toNanos() : Long.MAX_VALUE;
		this.ignoredPrefixes = ignoredPrefixes.toArray(String[]::new);
		this.listeners = listeners.toArray(ObservationStopListener[]::new);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return true;
	}

	@Override
	public void onStart(Observation.Context context) {
		boolean recordable = this.recordEvents && !isIgnored(context.getName());
		if (!recordable && this.listeners.length == 0) {
			return;
		}
		Event event = recordable ? ObservationEvent.create() : null;
		boolean recorded = event != null && event.isEnabled();
		if (recorded || this.listeners.length > 0) {
			if (recorded) {
				event.begin();
			}
			context.put(Started.class, new Started(System.nanoTime(), recorded ? event : null));
		}
	}

	@Override
	public void onStop(Observation.Context context) {
		Started started = context.get(Started.class);
		if (started == null) {
			return;
		}
		long nanos = System.nanoTime() - started.nanos();
		Event event = started.event();
		if (event != null && nanos >= this.thresholdNanos) {
			event.end();
			if (event.shouldCommit()) {
				describe(event, context);
				event.commit();
			}
		}
		for (ObservationStopListener listener : this.listeners) {
			listener.stopped(context, nanos);
		}
	}

	private boolean isIgnored(@Nullable String name) {
		if (name != null) {
			for (String prefix : this.ignoredPrefixes) {
				if (name.startsWith(prefix)) {
					return true;
				}
			}
		}
		return false;
	}

	private static void describe(Event event, Observation.Context context) {
		event.set(ObservationEvent.NAME_FIELD, context.getName());
		event.set(ObservationEvent.CONTEXTUAL_NAME, context.getContextualName());
		StringJoiner keyValues = new StringJoiner(", ");
		for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
			keyValues.add(keyValue.getKey() + "=" + keyValue.getValue());
			switch (keyValue.getKey()) {
				case "method" -> event.set(ObservationEvent.METHOD, keyValue.getValue());
				case "uri" -> event.set(ObservationEvent.URI, keyValue.getValue());
				case "status" -> event.set(ObservationEvent.STATUS, keyValue.getValue());
				case "outcome" -> event.set(ObservationEvent.OUTCOME, keyValue.getValue());
				default -> {
				}
			}
		}
		event.set(ObservationEvent.KEY_VALUES, keyValues.toString());
		Throwable error = context.getError();
		event.set(ObservationEvent.ERROR, (error != null) ? error.getClass().getName() : null);
		ObservationTrace trace = ObservationTrace.of(context);
		if (trace != null) {
			event.set(ObservationEvent.TRACE_ID, trace.traceId());
			event.set(ObservationEvent.SPAN_ID, trace.spanId());
		}
	}

	/**
	 * An observation that started: when, and its event if JFR records it.
	 *
	 * @param nanos when it started, to tell how long it lasted
	 * @param event its event, begun, or {@code null} when it is not recorded
	 */
	private record Started(long nanos, @Nullable Event event) {

	}

}

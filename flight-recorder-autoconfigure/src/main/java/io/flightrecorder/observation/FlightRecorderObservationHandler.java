package io.flightrecorder.observation;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

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
 * allocation), and below the threshold (one object, three clock reads, one entry in the
 * observation's context). The event starts when the observation starts and ends when it
 * stops, so it covers the work done between. Observations whose names start with an ignored
 * prefix are never recorded, but still told to the listeners: Spring Security, for one,
 * observes several steps of its filter chain within each request, each costing what the
 * request's own observation costs.
 */
public final class FlightRecorderObservationHandler implements ObservationHandler<Observation.Context> {

	private static final boolean TRACING_PRESENT = ClassUtils.isPresent(
			"io.micrometer.tracing.handler.TracingObservationHandler",
			FlightRecorderObservationHandler.class.getClassLoader());

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
		ObservationEvent event = new ObservationEvent();
		boolean recorded = recordable && event.isEnabled();
		if (recorded || this.listeners.length > 0) {
			event.startNanos = System.nanoTime();
			if (recorded) {
				event.begin();
				event.begun = true;
			}
			context.put(ObservationEvent.class, event);
		}
	}

	@Override
	public void onStop(Observation.Context context) {
		ObservationEvent event = context.get(ObservationEvent.class);
		if (event == null) {
			return;
		}
		long nanos = System.nanoTime() - event.startNanos;
		if (event.begun && nanos >= this.thresholdNanos) {
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

	private static void describe(ObservationEvent event, Observation.Context context) {
		event.name = context.getName();
		event.contextualName = context.getContextualName();
		StringJoiner keyValues = new StringJoiner(", ");
		for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
			keyValues.add(keyValue.getKey() + "=" + keyValue.getValue());
			switch (keyValue.getKey()) {
				case "method" -> event.method = keyValue.getValue();
				case "uri" -> event.uri = keyValue.getValue();
				case "status" -> event.status = keyValue.getValue();
				case "outcome" -> event.outcome = keyValue.getValue();
				default -> {
				}
			}
		}
		event.keyValues = keyValues.toString();
		Throwable error = context.getError();
		event.error = (error != null) ? error.getClass().getName() : null;
		if (TRACING_PRESENT) {
			Tracing.describe(event, context);
		}
	}

	/**
	 * Reads trace and span ids; loaded only when Micrometer Tracing is on the class path.
	 */
	private static final class Tracing {

		static void describe(ObservationEvent event, Observation.Context context) {
			TracingObservationHandler.TracingContext tracing = context
				.get(TracingObservationHandler.TracingContext.class);
			if (tracing != null && tracing.getSpan() != null) {
				TraceContext trace = tracing.getSpan().context();
				event.traceId = trace.traceId();
				event.spanId = trace.spanId();
			}
		}

	}

}

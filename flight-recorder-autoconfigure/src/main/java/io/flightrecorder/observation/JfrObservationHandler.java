package io.flightrecorder.observation;

import java.time.Duration;
import java.util.StringJoiner;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;

import org.springframework.util.ClassUtils;

/**
 * Commits a JFR event for each finished observation that lasted at least a threshold.
 * <p>
 * Cheap when JFR does not record the event (one check, no allocation), and below the
 * threshold (one event object, two clock reads). The event starts when the observation
 * starts and ends when it stops, so it covers the work done between.
 */
public class JfrObservationHandler implements ObservationHandler<Observation.Context> {

	private static final boolean TRACING_PRESENT = ClassUtils.isPresent(
			"io.micrometer.tracing.handler.TracingObservationHandler", JfrObservationHandler.class.getClassLoader());

	private final long thresholdNanos;

	/**
	 * Creates a handler that records observations lasting at least the given threshold.
	 * @param threshold the shortest observation recorded, zero or more
	 */
	public JfrObservationHandler(Duration threshold) {
		if (threshold.isNegative()) {
			throw new IllegalArgumentException("Threshold must not be negative, but was " + threshold);
		}
		this.thresholdNanos = threshold.toNanos();
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return true;
	}

	@Override
	public void onStart(Observation.Context context) {
		ObservationEvent event = new ObservationEvent();
		if (event.isEnabled()) {
			event.startNanos = System.nanoTime();
			event.begin();
			context.put(ObservationEvent.class, event);
		}
	}

	@Override
	public void onStop(Observation.Context context) {
		ObservationEvent event = context.get(ObservationEvent.class);
		if (event == null || System.nanoTime() - event.startNanos < this.thresholdNanos) {
			return;
		}
		event.end();
		if (event.shouldCommit()) {
			describe(event, context);
			event.commit();
		}
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

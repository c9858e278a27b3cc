package io.flightrecorder.observation;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * The trace and span IDs of an observation that Micrometer Tracing traces.
 *
 * @param traceId the trace's ID
 * @param spanId the observation's span's ID
 */
public record ObservationTrace(String traceId, String spanId) {

	private static final boolean TRACING_PRESENT = ClassUtils.isPresent(
			"io.micrometer.tracing.handler.TracingObservationHandler", ObservationTrace.class.getClassLoader());

	/**
	 * Returns the trace of an observation.
	 * @param context the observation's context
	 * @return its trace, or {@code null} when Micrometer Tracing is not on the class path or
	 * does not trace it (no tracer, or a span that was not recorded)
	 */
	public static @Nullable ObservationTrace of(Observation.Context context) {
		return TRACING_PRESENT ? Tracing.of(context) : null;
	}

	/**
	 * Reads the ids; loaded only when Micrometer Tracing is on the class path.
	 */
	private static final class Tracing {

		static @Nullable ObservationTrace of(Observation.Context context) {
			TracingObservationHandler.TracingContext tracing = context
				.get(TracingObservationHandler.TracingContext.class);
			if (tracing == null || tracing.getSpan() == null) {
				return null;
			}
			TraceContext trace = tracing.getSpan().context();
			String traceId = trace.traceId();
			return (traceId == null || traceId.isEmpty()) ? null : new ObservationTrace(traceId, trace.spanId());
		}

	}

}

package io.flightrecorder.trigger;

import java.util.concurrent.CompletableFuture;

import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.observation.ObservationTrace;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import org.slf4j.MDC;

import org.springframework.util.ClassUtils;

/**
 * Fires a trigger for an observation: its reason describes the observation and, when it is
 * traced, names its trace ID; once the dump is written, an INFO line says how to find it by
 * that ID, with the trace and span IDs in the logging MDC ({@code traceId}, {@code spanId}),
 * where Spring Boot's log correlation shows them.
 */
final class Observations {

	private static final System.Logger logger = System.getLogger(Observations.class.getName());

	private static final boolean MDC_PRESENT = ClassUtils.isPresent("org.slf4j.MDC",
			Observations.class.getClassLoader());

	private Observations() {
	}

	/**
	 * Fires the trigger for the observation.
	 * @param trigger the trigger
	 * @param context the observation
	 * @param what what happened to it, after its description
	 * @param lookupPath the path of the {@code flightdumps} endpoint, for the log line
	 */
	static void fire(DumpTriggers.Trigger trigger, Observation.Context context, String what, String lookupPath) {
		ObservationTrace trace = ObservationTrace.of(context);
		String reason = describe(context) + what + ((trace != null) ? ", trace " + trace.traceId() : "");
		CompletableFuture<SavedDump> dump = trigger.fire(key(context), reason);
		if (trace != null) {
			dump.thenAccept((written) -> logWritten(written, trace, lookupPath));
		}
	}

	private static void logWritten(SavedDump dump, ObservationTrace trace, String lookupPath) {
		String message = "Flight recorder dump " + dump.name() + " holds trace " + trace.traceId()
				+ ": GET " + lookupPath + "?traceId=" + trace.traceId() + " finds it (with scope=fleet, in the "
				+ "bucket too); GET " + lookupPath + "/" + dump.name() + "/report?traceId=" + trace.traceId()
				+ " opens its page at that trace";
		if (MDC_PRESENT) {
			Mdc.log(trace, message);
		}
		else {
			logger.log(System.Logger.Level.INFO, message);
		}
	}

	/**
	 * Returns what a trigger's cooldown is kept per: the observation's name and, for a
	 * request, its URI template, else its contextual name.
	 */
	private static String key(Observation.Context context) {
		KeyValue uri = context.getLowCardinalityKeyValue("uri");
		String contextualName = context.getContextualName();
		return context.getName() + " " + ((uri != null) ? uri.getValue() : (contextualName != null) ? contextualName : "");
	}

	/**
	 * Returns the observation's name, contextual name and, for a request, its URI.
	 */
	private static String describe(Observation.Context context) {
		StringBuilder description = new StringBuilder(context.getName());
		String contextualName = context.getContextualName();
		if (contextualName != null) {
			description.append(" '").append(contextualName).append('\'');
		}
		KeyValue uri = context.getLowCardinalityKeyValue("uri");
		if (uri != null) {
			description.append(" uri=").append(uri.getValue());
		}
		return description.toString();
	}

	/**
	 * Logs with the trace in SLF4J's MDC; loaded only when SLF4J is on the class path.
	 */
	private static final class Mdc {

		static void log(ObservationTrace trace, String message) {
			try (MDC.MDCCloseable traceId = MDC.putCloseable("traceId", trace.traceId());
					MDC.MDCCloseable spanId = MDC.putCloseable("spanId", trace.spanId())) {
				logger.log(System.Logger.Level.INFO, message);
			}
		}

	}

}

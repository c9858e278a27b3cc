package io.flightrecorder.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Matches when the running JVM can record with JFR: the {@code jdk.jfr} module is present and
 * JFR is not disabled. When it cannot, it logs one line that says why.
 */
class OnFlightRecorderAvailableCondition extends SpringBootCondition {

	private static final Log logger = LogFactory.getLog(FlightRecorderAutoConfiguration.class);

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("JDK Flight Recorder");
		String unavailable = whyUnavailable(context.getClassLoader());
		if (unavailable != null) {
			ConditionMessage because = message.because(unavailable);
			logger.warn("No flight recorder: " + because);
			return ConditionOutcome.noMatch(because);
		}
		return ConditionOutcome.match(message.available("JFR"));
	}

	/**
	 * Says why the running JVM cannot record with JFR.
	 * @param classLoader the class loader to look for {@code jdk.jfr} with
	 * @return the reason, or {@code null} if it can record
	 */
	static @Nullable String whyUnavailable(@Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent("jdk.jfr.FlightRecorder", classLoader)) {
			return "the jdk.jfr module is not in this JVM";
		}
		if (!jdk.jfr.FlightRecorder.isAvailable()) {
			return "JFR is not available in this JVM (disabled or not supported)";
		}
		return null;
	}

}

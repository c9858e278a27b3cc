package io.flightrecorder.autoconfigure;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.observation.FlightRecorderObservationHandler;
import io.flightrecorder.observation.ObservationStopListener;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@link FlightRecorderObservationHandler}, which Spring Boot
 * registers with the application's observation registry, so that every observation lasting
 * at least {@code flight-recorder.observations.threshold}, and not named with one of
 * {@code flight-recorder.observations.ignored-prefixes}, becomes a JFR event in the flight
 * recording, and the observation triggers hear of every observation that stops.
 */
@AutoConfiguration(after = { FlightRecorderAutoConfiguration.class, FlightRecorderDumpsAutoConfiguration.class })
@ConditionalOnClass(ObservationHandler.class)
@ConditionalOnBean(FlightRecorder.class)
public final class FlightRecorderObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Conditional(EventsOrListenersCondition.class)
	FlightRecorderObservationHandler flightRecorderObservationHandler(FlightRecorderProperties properties,
			ObjectProvider<ObservationStopListener> listeners) {
		FlightRecorderProperties.Observations observations = properties.getObservations();
		return new FlightRecorderObservationHandler(observations.isEnabled() ? observations.getThreshold() : null,
				observations.getIgnoredPrefixes(), listeners.orderedStream().toList());
	}

	/**
	 * Warns when Micrometer Tracing is on the class path but nothing traces.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tracer.class)
	static class TracingConfiguration {

		@Bean
		static MissingTracerWarning flightRecorderMissingTracerWarning(ObjectProvider<Tracer> tracer) {
			return new MissingTracerWarning(tracer);
		}

	}

	/**
	 * The handler is needed to record observations as events, or to tell the triggers.
	 */
	static final class EventsOrListenersCondition extends AnyNestedCondition {

		EventsOrListenersCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBooleanProperty(name = "flight-recorder.observations.enabled", matchIfMissing = true)
		static final class Events {

		}

		@ConditionalOnBean(ObservationStopListener.class)
		static final class Listeners {

		}

	}

}

package io.flightrecorder.autoconfigure;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.observation.JfrObservationHandler;
import io.micrometer.observation.ObservationHandler;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link JfrObservationHandler}, which Spring Boot registers with
 * the application's observation registry, so that every observation lasting at least
 * {@code flight-recorder.observations.threshold} becomes a JFR event in the flight recording.
 */
@AutoConfiguration(after = FlightRecorderAutoConfiguration.class)
@ConditionalOnClass(ObservationHandler.class)
@ConditionalOnBean(FlightRecorder.class)
@ConditionalOnBooleanProperty(name = "flight-recorder.observations.enabled", matchIfMissing = true)
public final class FlightRecorderObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JfrObservationHandler jfrObservationHandler(FlightRecorderProperties properties) {
		return new JfrObservationHandler(properties.getObservations().getThreshold());
	}

}

package io.flightrecorder.autoconfigure;

import io.flightrecorder.FlightRecorder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@link FlightRecorder}: one recorder configured from
 * {@link FlightRecorderProperties}, started with the application context and stopped when
 * it closes. The properties are bound, and so checked, even when recording is disabled.
 */
@AutoConfiguration
@EnableConfigurationProperties(FlightRecorderProperties.class)
public final class FlightRecorderAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "flight-recorder.enabled", matchIfMissing = true)
	@Conditional(OnFlightRecorderAvailableCondition.class)
	static class FlightRecorderConfiguration {

		@Bean
		@ConditionalOnMissingBean
		FlightRecorder flightRecorder(FlightRecorderProperties properties) {
			FlightRecorder recorder = new FlightRecorder();
			recorder.setSize(properties.getSize().toBytes());
			recorder.setPeriod(properties.getPeriod());
			recorder.setRedactedEvents(properties.getRedaction().redactedEvents());
			recorder.setRepository(properties.getRepository());
			recorder.setMinFreeSpace(properties.getMinFreeSpace().toBytes());
			if (!properties.getSettings().equals(FlightRecorder.DEFAULT_SETTINGS) || !properties.getEvents().isEmpty()) {
				RecordingSettings settings = RecordingSettings.resolve(properties.getSettings(), properties.getEvents(),
						properties.getRedaction().redactedEvents());
				recorder.setSettings(settings.name(), settings.settings());
			}
			return recorder;
		}

		@Bean
		@ConditionalOnMissingBean
		FlightRecorderLifecycle flightRecorderLifecycle(FlightRecorder recorder, FlightRecorderProperties properties) {
			return new FlightRecorderLifecycle(recorder, properties.isStartInBackground());
		}

	}

}

package io.flightrecorder.autoconfigure;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;

import org.springframework.beans.factory.ObjectProvider;
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
		FlightRecorder flightRecorder(FlightRecorderProperties properties,
				ObjectProvider<FlightRecorderConfigCustomizer> customizers) {
			FlightRecorderConfig.Builder config = FlightRecorderConfig.builder()
				.size(properties.getSize().toBytes())
				.period(properties.getPeriod())
				.redactedEvents(properties.getRedaction().redactedEvents())
				.repository(properties.getRepository())
				.minFreeSpace(properties.getMinFreeSpace().toBytes());
			if (!properties.getSettings().equals(FlightRecorderConfig.DEFAULTS.settings().name())
					|| !properties.getEvents().isEmpty()) {
				RecordingSettings settings = RecordingSettings.resolve(properties.getSettings(), properties.getEvents(),
						properties.getRedaction().redactedEvents());
				config.settings(new FlightRecorderConfig.Settings(settings.name(), settings.settings()));
			}
			customizers.orderedStream().forEach((customizer) -> customizer.customize(config));
			return new FlightRecorder(config.build());
		}

		@Bean
		@ConditionalOnMissingBean
		FlightRecorderLifecycle flightRecorderLifecycle(FlightRecorder recorder, FlightRecorderProperties properties) {
			return new FlightRecorderLifecycle(recorder, properties.isStartInBackground());
		}

	}

}

package io.flightrecorder.autoconfigure;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.actuate.DumpUploadsHealthIndicator;
import io.flightrecorder.actuate.EventTriggersHealthIndicator;
import io.flightrecorder.actuate.FlightRecorderHealthIndicator;
import io.flightrecorder.events.EventTriggers;
import io.flightrecorder.storage.DumpUploads;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code flightRecorder} health contributor, and of the
 * {@code flightRecorderUploads} one when saved dumps are uploaded.
 */
@AutoConfiguration(after = { FlightRecorderAutoConfiguration.class, FlightRecorderStorageAutoConfiguration.class,
		FlightRecorderDumpsAutoConfiguration.class })
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(FlightRecorder.class)
@ConditionalOnEnabledHealthIndicator("flightrecorder")
public final class FlightRecorderHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "flightRecorderHealthIndicator")
	FlightRecorderHealthIndicator flightRecorderHealthIndicator(FlightRecorder recorder) {
		return new FlightRecorderHealthIndicator(recorder);
	}

	@Bean
	@ConditionalOnBean(DumpUploads.class)
	@ConditionalOnMissingBean(name = "flightRecorderUploadsHealthIndicator")
	DumpUploadsHealthIndicator flightRecorderUploadsHealthIndicator(DumpUploads uploads) {
		return new DumpUploadsHealthIndicator(uploads);
	}

	@Bean
	@ConditionalOnBean(EventTriggers.class)
	@ConditionalOnMissingBean(name = "flightRecorderEventTriggersHealthIndicator")
	EventTriggersHealthIndicator flightRecorderEventTriggersHealthIndicator(EventTriggers events) {
		return new EventTriggersHealthIndicator(events);
	}

}

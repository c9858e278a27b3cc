package io.flightrecorder.autoconfigure;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.metrics.DumpMetrics;
import io.flightrecorder.metrics.FlightRecorderMetrics;
import io.flightrecorder.metrics.SnapshotObservationConvention;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of {@link FlightRecorderMetrics}. The metrics are a {@link MeterBinder}
 * bean, which Spring Boot binds to every meter registry whenever that registry is created;
 * so, unlike a condition on a registry bean, they cannot miss a registry that is defined
 * later or elsewhere.
 */
@AutoConfiguration(after = { FlightRecorderAutoConfiguration.class, FlightRecorderDumpsAutoConfiguration.class, MetricsAutoConfiguration.class,
		ObservationAutoConfiguration.class })
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(FlightRecorder.class)
public final class FlightRecorderMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FlightRecorderMetrics flightRecorderMetrics(FlightRecorder recorder,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<SnapshotObservationConvention> convention) {
		return new FlightRecorderMetrics(recorder, observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
				convention.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	DumpMetrics flightRecorderDumpMetrics() {
		return new DumpMetrics();
	}

}

package io.flightrecorder.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import io.flightrecorder.Snapshot;
import io.flightrecorder.SnapshotActiveException;
import io.flightrecorder.SnapshotOutcome;
import io.flightrecorder.autoconfigure.FlightRecorderAutoConfiguration;
import io.flightrecorder.autoconfigure.FlightRecorderMetricsAutoConfiguration;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The metrics with Spring Boot's real metrics and observation auto-configuration, listed
 * before ours on purpose: ordering must not matter.
 */
class FlightRecorderMetricsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FlightRecorderMetricsAutoConfiguration.class,
				FlightRecorderAutoConfiguration.class, ObservationAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class));

	@Test
	void binderIsActiveWithTheRealMetricsAutoConfiguration() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("flightrecorder.running").gauge().value()).isEqualTo(1);
			assertThat(registry.get("flightrecorder.retained").gauge().getId().getBaseUnit()).isEqualTo("bytes");
		});
	}

	@Test
	void aConventionBeanReplacesTheDefaultOne() {
		this.contextRunner
			.withBean(SnapshotObservationConvention.class, () -> new DefaultSnapshotObservationConvention() {

				@Override
				public String getName() {
					return "orders.flightrecorder.snapshot";
				}

			})
			.run((context) -> {
				context.getBean(FlightRecorder.class).writeTo(OutputStream.nullOutputStream());
				assertThat(context.getBean(MeterRegistry.class)
					.get("orders.flightrecorder.snapshot")
					.tag("outcome", "success")
					.timer()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void snapshotsAreCountedTimedAndSizedByOutcome() {
		this.contextRunner.run((context) -> {
			FlightRecorder recorder = context.getBean(FlightRecorder.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			long bytes;
			try (Snapshot first = recorder.snapshot()) {
				assertThatThrownBy(() -> recorder.writeTo(OutputStream.nullOutputStream()))
					.isInstanceOf(SnapshotActiveException.class);
				bytes = first.writeTo(OutputStream.nullOutputStream());
			}
			assertThat(timer(registry, "success").count()).isEqualTo(1);
			assertThat(timer(registry, "success").totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
			assertThat(timer(registry, "rejected").count()).isEqualTo(1);
			DistributionSummary sizes = registry.get("flightrecorder.snapshot.size").summary();
			assertThat(sizes.count()).isEqualTo(1);
			assertThat(sizes.totalAmount()).isEqualTo(bytes);
			assertThat(registry.get("flightrecorder.retained").gauge().value()).isPositive();
		});
	}

	@Test
	void snapshotWhoseClientGoesAwayIsCountedAsClientAborted() {
		this.contextRunner.run((context) -> {
			FlightRecorder recorder = context.getBean(FlightRecorder.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThatIOException().isThrownBy(() -> recorder.writeTo(new OutputStream() {

				@Override
				public void write(int b) throws IOException {
					throw new IOException("client gone");
				}

			}));
			assertThat(timer(registry, "client-aborted").count()).isEqualTo(1);
			assertThat(registry.get("flightrecorder.snapshot.size").summary().count()).isZero();
		});
	}

	@Test
	void gaugesFollowStartAndStop() {
		this.contextRunner.run((context) -> {
			FlightRecorder recorder = context.getBean(FlightRecorder.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			recorder.writeTo(OutputStream.nullOutputStream());
			recorder.stop();
			assertThat(registry.get("flightrecorder.running").gauge().value()).isZero();
			assertThat(registry.get("flightrecorder.retained").gauge().value()).isZero();
			recorder.start();
			assertThat(registry.get("flightrecorder.running").gauge().value()).isEqualTo(1);
		});
	}

	@Test
	void aClosedBinderNoLongerObservesSnapshots() {
		this.contextRunner.run((context) -> {
			FlightRecorder recorder = context.getBean(FlightRecorder.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			recorder.writeTo(OutputStream.nullOutputStream());
			context.getBean(FlightRecorderMetrics.class).close();
			recorder.writeTo(OutputStream.nullOutputStream());
			assertThat(timer(registry, "success").count()).isEqualTo(1);
			assertThat(registry.get("flightrecorder.snapshot.size").summary().count()).isEqualTo(1);
		});
	}

	@Test
	void aSnapshotThatFailedEndsItsObservationWithAnError() {
		List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				stopped.add(context);
			}

		});
		FlightRecorder recorder = new FlightRecorder(FlightRecorderConfig.DEFAULTS);
		try (FlightRecorderMetrics metrics = new FlightRecorderMetrics(recorder, observations)) {
			metrics.started().ended(SnapshotOutcome.ERROR, 0);
			metrics.started().ended(SnapshotOutcome.SUCCESS, 10);
		}
		assertThat(stopped).hasSize(2);
		assertThat(stopped.get(0).getError()).isInstanceOf(FlightRecorderMetrics.SnapshotFailedException.class);
		assertThat(stopped.get(0).getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("error");
		assertThat(stopped.get(1).getError()).isNull();
	}

	@Test
	void noMetricsWithoutARecorder() {
		this.contextRunner.withPropertyValues("flight-recorder.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FlightRecorderMetrics.class));
	}

	private static Timer timer(MeterRegistry registry, String outcome) {
		return registry.get("flightrecorder.snapshot").tag("outcome", outcome).timer();
	}

}

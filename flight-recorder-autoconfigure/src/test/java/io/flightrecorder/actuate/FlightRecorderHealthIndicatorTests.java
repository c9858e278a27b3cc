package io.flightrecorder.actuate;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.autoconfigure.FlightRecorderAutoConfiguration;
import io.flightrecorder.autoconfigure.FlightRecorderHealthAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class FlightRecorderHealthIndicatorTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(FlightRecorderAutoConfiguration.class, FlightRecorderHealthAutoConfiguration.class));

	@Test
	void upWhileRecordingWithRetainedBytesAndFreeSpace() {
		this.contextRunner.run((context) -> {
			Health health = context.getBean("flightRecorderHealthIndicator", FlightRecorderHealthIndicator.class)
				.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("running", true)
				.containsKeys("retainedBytes", "repository", "freeBytes");
			assertThat((long) health.getDetails().get("freeBytes")).isPositive();
		});
	}

	@Test
	void downWithTheReasonWhenTheRecorderCouldNotStartAndTheApplicationStillRuns() {
		this.contextRunner.withPropertyValues("flight-recorder.min-free-space=1000000TB").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(FlightRecorder.class).isEnabled()).isFalse();
			Health health = context.getBean(FlightRecorderHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("running", false);
			assertThat((String) health.getDetails().get("reason")).startsWith("Failed to start: Not enough free space");
		});
	}

	@Test
	void unknownWhenStoppedOnPurpose() {
		this.contextRunner.run((context) -> {
			context.getBean(FlightRecorder.class).stop();
			assertThat(context.getBean(FlightRecorderHealthIndicator.class).health().getStatus())
				.isEqualTo(Status.UNKNOWN);
		});
	}

	@Test
	void canBeDisabledLikeAnyHealthIndicator() {
		this.contextRunner.withPropertyValues("management.health.flightrecorder.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FlightRecorderHealthIndicator.class));
	}

}

package io.flightrecorder.actuate;

import java.util.Map;

import io.flightrecorder.Boost;
import io.flightrecorder.FlightRecorder;
import io.flightrecorder.RecorderStatus;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the {@link FlightRecorder}: UP while it records, with what its ring retains and
 * the free space under its repository; DOWN with the reason when it failed to start or
 * stopped itself (the disk ran low); UNKNOWN when it was stopped on purpose.
 */
public class FlightRecorderHealthIndicator extends AbstractHealthIndicator {

	private final FlightRecorder recorder;

	public FlightRecorderHealthIndicator(FlightRecorder recorder) {
		super("Flight recorder health check failed");
		this.recorder = recorder;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		RecorderStatus status = this.recorder.status();
		if (status.running()) {
			builder.up();
		}
		else if (status.failure() != null) {
			builder.down().withDetail("reason", status.failure());
		}
		else {
			builder.unknown();
		}
		builder.withDetail("running", status.running())
			.withDetail("retainedBytes", status.retainedBytes())
			.withDetail("settings", status.settings());
		Boost boost = status.boost();
		if (boost != null) {
			builder.withDetail("boost", Map.of("settings", boost.name(), "until", boost.until().toString()));
		}
		if (status.repository() != null) {
			builder.withDetail("repository", status.repository().toString())
				.withDetail("freeBytes", status.freeBytes());
		}
	}

}

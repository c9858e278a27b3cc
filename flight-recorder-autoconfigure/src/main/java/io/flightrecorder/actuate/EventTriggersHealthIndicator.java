package io.flightrecorder.actuate;

import io.flightrecorder.events.EventTriggers;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the {@link EventTriggers}: the rules they test, and, while their event stream
 * fails, why. Always UP, as the uploads' health is: the application works on while its
 * event triggers are blind, and they reopen the stream themselves.
 */
public class EventTriggersHealthIndicator extends AbstractHealthIndicator {

	private final EventTriggers events;

	public EventTriggersHealthIndicator(EventTriggers events) {
		super("Flight recorder event triggers health check failed");
		this.events = events;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		String failure = this.events.failure();
		builder.up().withDetail("rules", this.events.rules()).withDetail("reading", failure == null);
		if (failure != null) {
			builder.withDetail("failure", failure);
		}
	}

}

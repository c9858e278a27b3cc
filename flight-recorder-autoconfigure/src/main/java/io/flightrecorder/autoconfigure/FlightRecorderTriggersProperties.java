package io.flightrecorder.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.flightrecorder.dump.DumpTriggers;
import io.micrometer.core.instrument.Statistic;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of what writes a dump when something went wrong, and how often, under the
 * {@code flight-recorder.triggers} prefix.
 */
@ConfigurationProperties("flight-recorder.triggers")
public class FlightRecorderTriggersProperties implements Validator {

	/**
	 * Least time between two dumps, whatever triggers fired them. Must not be negative.
	 */
	private Duration globalCooldown = DumpTriggers.DEFAULT_GLOBAL_COOLDOWN;

	/**
	 * Time to wait after a trigger fired before the snapshot is taken, to also record what
	 * follows. Zero takes it at once: the recording already holds what led up to it. Must
	 * not be negative.
	 */
	private Duration delay = Duration.ZERO;

	private final SlowObservation slowObservation = new SlowObservation();

	private final ServerError error = new ServerError();

	/**
	 * Whether the slow-observation and error triggers also watch requests to the actuator's
	 * endpoints (a uri under management.endpoints.web.base-path). Off, so that a health probe
	 * that is slow while the application starts cannot fire a dump.
	 */
	private boolean includeActuator;

	/**
	 * Time between two checks of the meter thresholds. Must be positive.
	 */
	private Duration meterCheckInterval = Duration.ofSeconds(10);

	/**
	 * Meter thresholds: each fires when its meter goes above its value, and names the meter
	 * (such as process.cpu.usage) and the value, a number (such as 0.9; timers are compared
	 * in seconds).
	 */
	private List<Meter> meters = new ArrayList<>();

	public Duration getGlobalCooldown() {
		return this.globalCooldown;
	}

	public void setGlobalCooldown(Duration globalCooldown) {
		this.globalCooldown = PropertyValues.notNegative(globalCooldown);
	}

	public Duration getDelay() {
		return this.delay;
	}

	public void setDelay(Duration delay) {
		this.delay = PropertyValues.notNegative(delay);
	}

	public SlowObservation getSlowObservation() {
		return this.slowObservation;
	}

	public ServerError getError() {
		return this.error;
	}

	public boolean isIncludeActuator() {
		return this.includeActuator;
	}

	public void setIncludeActuator(boolean includeActuator) {
		this.includeActuator = includeActuator;
	}

	public Duration getMeterCheckInterval() {
		return this.meterCheckInterval;
	}

	public void setMeterCheckInterval(Duration meterCheckInterval) {
		this.meterCheckInterval = PropertyValues.positive(meterCheckInterval);
	}

	public List<Meter> getMeters() {
		return this.meters;
	}

	public void setMeters(List<Meter> meters) {
		this.meters = meters;
	}

	/**
	 * Checks what binding alone cannot: that every meter trigger names its meter, as an entry
	 * without one would never fire.
	 */
	@Override
	public void validate(Object target, Errors errors) {
		List<Meter> meters = ((FlightRecorderTriggersProperties) target).getMeters();
		for (int i = 0; i < meters.size(); i++) {
			if (meters.get(i).getName().isBlank()) {
				errors.rejectValue("meters[" + i + "].name", "required", "a meter trigger must name its meter");
			}
		}
	}

	@Override
	public boolean supports(Class<?> type) {
		return FlightRecorderTriggersProperties.class.isAssignableFrom(type);
	}

	/**
	 * Settings every trigger has.
	 */
	public abstract static class AbstractTrigger {

		/**
		 * Least time between two dumps of this trigger for the same source: for the
		 * observation triggers, the same observation name and request URI. Must not be
		 * negative.
		 */
		private Duration cooldown = DumpTriggers.DEFAULT_COOLDOWN;

		public Duration getCooldown() {
			return this.cooldown;
		}

		public void setCooldown(Duration cooldown) {
			this.cooldown = PropertyValues.notNegative(cooldown);
		}

	}

	/**
	 * Settings of the triggers that watch Micrometer observations.
	 */
	public abstract static class AbstractObservationTrigger extends AbstractTrigger {

		/**
		 * Whether this trigger is on.
		 */
		private boolean enabled;

		/**
		 * Names of the observations to watch.
		 */
		private Set<String> observations = new LinkedHashSet<>(Set.of("http.server.requests"));

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Set<String> getObservations() {
			return this.observations;
		}

		public void setObservations(Set<String> observations) {
			this.observations = observations;
		}

	}

	/**
	 * A dump when an observation, such as an HTTP request, is slow; written as
	 * '...-slow-observation.jfr'.
	 */
	public static class SlowObservation extends AbstractObservationTrigger {

		/**
		 * Shortest observation that fires. Must be positive.
		 */
		private Duration threshold = Duration.ofSeconds(2);

		public Duration getThreshold() {
			return this.threshold;
		}

		public void setThreshold(Duration threshold) {
			this.threshold = PropertyValues.positive(threshold);
		}

	}

	/**
	 * A dump when an observation ends with an error or an HTTP 5xx status; written as
	 * '...-error.jfr'.
	 */
	public static class ServerError extends AbstractObservationTrigger {

	}

	/**
	 * A dump when a Micrometer meter goes above a value; written as
	 * '...-meter-<meter name>.jfr'.
	 */
	public static class Meter extends AbstractTrigger {

		/**
		 * Name of the meter, such as 'process.cpu.usage' or 'jvm.gc.pause'.
		 */
		private String name = "";

		/**
		 * Tags the meter must have, such as 'action: end of major GC'; its other tags may
		 * differ, and the highest of the matching meters counts.
		 */
		private Map<String, String> tags = new LinkedHashMap<>();

		/**
		 * Statistic to compare. By default the first the meter measures of value (gauges), max
		 * (timers, distribution summaries) and count (counters). Time statistics are
		 * compared in seconds.
		 */
		private @Nullable Statistic statistic;

		/**
		 * Value above which it fires; it fires again only after the value has been back at
		 * or below it.
		 */
		private double above;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			if (name.isBlank()) {
				throw new IllegalArgumentException("must name a meter");
			}
			this.name = name;
		}

		public Map<String, String> getTags() {
			return this.tags;
		}

		public void setTags(Map<String, String> tags) {
			this.tags = tags;
		}

		public @Nullable Statistic getStatistic() {
			return this.statistic;
		}

		public void setStatistic(@Nullable Statistic statistic) {
			this.statistic = statistic;
		}

		public double getAbove() {
			return this.above;
		}

		public void setAbove(double above) {
			this.above = above;
		}

	}

}

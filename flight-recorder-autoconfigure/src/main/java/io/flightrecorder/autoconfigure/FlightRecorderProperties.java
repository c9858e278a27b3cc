package io.flightrecorder.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.flightrecorder.FlightRecorder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the flight recorder, under the {@code flight-recorder} prefix.
 */
@ConfigurationProperties("flight-recorder")
public class FlightRecorderProperties implements Validator {

	/**
	 * Whether to record. When false, no FlightRecorder bean is created and JFR is not
	 * started.
	 */
	private boolean enabled = true;

	/**
	 * Approximate size of the ring, a hint that takes precedence over the period: when a
	 * whole period of data does not fit, a snapshot keeps the newest data that does. JFR keeps
	 * whole chunks, and a chunk is ended once it holds half of this; a snapshot holds at
	 * least the newest chunk, so under a heavy load it can exceed this by a quarter, or, on
	 * JDKs that write their buffers once a second, by what one second records. Must be
	 * positive.
	 */
	private DataSize size = DataSize.ofMegabytes(10);

	/**
	 * Approximate span of time the ring covers, a hint: once the ring has filled, a snapshot
	 * reaches back at least this far and at most this plus max(2s, a quarter of it), unless
	 * the size cuts it shorter. Must be positive.
	 */
	private Duration period = Duration.ofSeconds(10);

	/**
	 * Directory of the JFR repository, where the ring's chunks are written, and of snapshot
	 * files; created if missing. JFR has one repository per JVM: this moves it for every
	 * recording. Default: the JVM's repository, and java.io.tmpdir for snapshot files.
	 */
	private @Nullable Path repository;

	/**
	 * Free space to keep on the disk of the repository: a snapshot that would leave less is
	 * refused (HTTP 507), recording does not start with less than this plus the size, and
	 * stops itself when the disk falls below it. Must be positive.
	 */
	private DataSize minFreeSpace = DataSize.ofMegabytes(64);

	/**
	 * Whether to start recording on a background thread, so that JFR's first start in the
	 * JVM (a few hundred milliseconds) does not delay the application's start-up. Until it
	 * has started, nothing is recorded and snapshots are refused (503).
	 */
	private boolean startInBackground;

	private final Observations observations = new Observations();

	private final Redaction redaction = new Redaction();

	private final Dumps dumps = new Dumps();

	private final Triggers triggers = new Triggers();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public DataSize getSize() {
		return this.size;
	}

	public void setSize(DataSize size) {
		this.size = positive(size);
	}

	public Duration getPeriod() {
		return this.period;
	}

	public void setPeriod(Duration period) {
		this.period = positive(period);
	}

	public @Nullable Path getRepository() {
		return this.repository;
	}

	public void setRepository(@Nullable Path repository) {
		if (repository != null && Files.exists(repository)
				&& !(Files.isDirectory(repository) && Files.isWritable(repository))) {
			throw new IllegalArgumentException(repository + " is not a writable directory");
		}
		this.repository = repository;
	}

	public DataSize getMinFreeSpace() {
		return this.minFreeSpace;
	}

	public void setMinFreeSpace(DataSize minFreeSpace) {
		this.minFreeSpace = positive(minFreeSpace);
	}

	public boolean isStartInBackground() {
		return this.startInBackground;
	}

	public void setStartInBackground(boolean startInBackground) {
		this.startInBackground = startInBackground;
	}

	public Observations getObservations() {
		return this.observations;
	}

	public Redaction getRedaction() {
		return this.redaction;
	}

	public Dumps getDumps() {
		return this.dumps;
	}

	public Triggers getTriggers() {
		return this.triggers;
	}

	/**
	 * Checks what binding alone cannot: that every meter trigger names its meter, as an entry
	 * without one would never fire.
	 */
	@Override
	public void validate(Object target, Errors errors) {
		List<MeterTrigger> meters = ((FlightRecorderProperties) target).getTriggers().getMeters();
		for (int i = 0; i < meters.size(); i++) {
			if (meters.get(i).getName().isBlank()) {
				errors.rejectValue("triggers.meters[" + i + "].name", "required",
						"a meter trigger must name its meter");
			}
		}
	}

	@Override
	public boolean supports(Class<?> type) {
		return FlightRecorderProperties.class.isAssignableFrom(type);
	}

	private static Duration notNegative(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("must not be negative, but was " + duration);
		}
		return duration;
	}

	private static Duration positive(Duration duration) {
		if (duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException("must be positive, but was " + duration);
		}
		return duration;
	}

	private static DataSize positive(DataSize size) {
		if (size.toBytes() <= 0) {
			throw new IllegalArgumentException("must be positive, but was " + size);
		}
		return size;
	}

	/**
	 * Snapshots saved to disk by triggers.
	 */
	public static class Dumps {

		/**
		 * Directory of saved dumps; created when the first dump is written. A relative path
		 * is resolved against the working directory.
		 */
		private Path directory = Path.of("flight-recorder-dumps");

		/**
		 * Most dumps kept: the oldest beyond it are deleted. Must be positive.
		 */
		private int maxCount = 10;

		/**
		 * Most bytes the dumps together keep: the oldest beyond it are deleted; the newest
		 * is always kept. Must be positive.
		 */
		private DataSize maxTotalSize = DataSize.ofMegabytes(100);

		/**
		 * Whether to write a dump named '...-exit.jfr' when the application shuts down,
		 * after the web server has stopped.
		 */
		private boolean onExit;

		/**
		 * Whether to save, at start-up, the recording that a JVM of this host left when it was
		 * killed while recording (an out-of-memory kill, kill -9) as a dump named
		 * '...-crash.jfr', before its chunks are deleted. When false they are deleted unread.
		 */
		private boolean onCrash = true;

		public Path getDirectory() {
			return this.directory;
		}

		public void setDirectory(Path directory) {
			this.directory = directory;
		}

		public int getMaxCount() {
			return this.maxCount;
		}

		public void setMaxCount(int maxCount) {
			if (maxCount <= 0) {
				throw new IllegalArgumentException("must be positive, but was " + maxCount);
			}
			this.maxCount = maxCount;
		}

		public DataSize getMaxTotalSize() {
			return this.maxTotalSize;
		}

		public void setMaxTotalSize(DataSize maxTotalSize) {
			this.maxTotalSize = positive(maxTotalSize);
		}

		public boolean isOnCrash() {
			return this.onCrash;
		}

		public void setOnCrash(boolean onCrash) {
			this.onCrash = onCrash;
		}

		public boolean isOnExit() {
			return this.onExit;
		}

		public void setOnExit(boolean onExit) {
			this.onExit = onExit;
		}

	}

	/**
	 * What writes a dump when something went wrong, and how often.
	 */
	public static class Triggers {

		/**
		 * Least time between two dumps, whatever triggers fired them.
		 */
		private Duration globalCooldown = Duration.ofSeconds(10);

		/**
		 * Time to wait after a trigger fired before the snapshot is taken, to also record
		 * what follows. Zero takes it at once: the recording already holds what led up to it.
		 */
		private Duration delay = Duration.ZERO;

		private final SlowObservation slowObservation = new SlowObservation();

		private final ServerError error = new ServerError();

		/**
		 * Whether the slow-observation and error triggers also watch requests to the
		 * actuator's endpoints (a uri under management.endpoints.web.base-path). Off, so that
		 * a health probe that is slow while the application starts cannot fire a dump.
		 */
		private boolean includeActuator;

		/**
		 * Time between two checks of the meter thresholds.
		 */
		private Duration meterCheckInterval = Duration.ofSeconds(10);

		/**
		 * Meter thresholds: each fires when its meter goes above its value.
		 */
		private List<MeterTrigger> meters = new ArrayList<>();

		public Duration getGlobalCooldown() {
			return this.globalCooldown;
		}

		public void setGlobalCooldown(Duration globalCooldown) {
			this.globalCooldown = notNegative(globalCooldown);
		}

		public Duration getDelay() {
			return this.delay;
		}

		public void setDelay(Duration delay) {
			this.delay = notNegative(delay);
		}

		public boolean isIncludeActuator() {
			return this.includeActuator;
		}

		public void setIncludeActuator(boolean includeActuator) {
			this.includeActuator = includeActuator;
		}

		public SlowObservation getSlowObservation() {
			return this.slowObservation;
		}

		public ServerError getError() {
			return this.error;
		}

		public Duration getMeterCheckInterval() {
			return this.meterCheckInterval;
		}

		public void setMeterCheckInterval(Duration meterCheckInterval) {
			this.meterCheckInterval = positive(meterCheckInterval);
		}

		public List<MeterTrigger> getMeters() {
			return this.meters;
		}

		public void setMeters(List<MeterTrigger> meters) {
			this.meters = meters;
		}

	}

	/**
	 * Settings every trigger has.
	 */
	public abstract static class Trigger {

		/**
		 * Least time between two dumps of this trigger for the same source: for the
		 * observation triggers, the same observation name and request URI.
		 */
		private Duration cooldown = Duration.ofMinutes(1);

		public Duration getCooldown() {
			return this.cooldown;
		}

		public void setCooldown(Duration cooldown) {
			this.cooldown = notNegative(cooldown);
		}

	}

	/**
	 * Settings of the triggers that watch Micrometer observations.
	 */
	public abstract static class ObservationTrigger extends Trigger {

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
	public static class SlowObservation extends ObservationTrigger {

		/**
		 * Shortest observation that fires. Must be positive.
		 */
		private Duration threshold = Duration.ofSeconds(2);

		public Duration getThreshold() {
			return this.threshold;
		}

		public void setThreshold(Duration threshold) {
			this.threshold = positive(threshold);
		}

	}

	/**
	 * A dump when an observation ends with an error or an HTTP 5xx status; written as
	 * '...-error.jfr'.
	 */
	public static class ServerError extends ObservationTrigger {

	}

	/**
	 * A dump when a Micrometer meter goes above a value; written as
	 * '...-meter-<meter name>.jfr'.
	 */
	public static class MeterTrigger extends Trigger {

		private static final List<String> STATISTICS = List.of("value", "max", "count", "total", "total-time",
				"duration", "active-tasks");

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
		 * Statistic to compare: value, max, count, total, total-time, duration or
		 * active-tasks. By default the first the meter measures of value (gauges), max
		 * (timers, distribution summaries) and count (counters). Time statistics are
		 * compared in seconds.
		 */
		private @Nullable String statistic;

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

		public @Nullable String getStatistic() {
			return this.statistic;
		}

		public void setStatistic(@Nullable String statistic) {
			if (statistic != null && !STATISTICS.contains(statistic.toLowerCase(Locale.ROOT))) {
				throw new IllegalArgumentException("must be one of " + STATISTICS + ", but was " + statistic);
			}
			this.statistic = statistic;
		}

		public double getAbove() {
			return this.above;
		}

		public void setAbove(double above) {
			this.above = above;
		}

	}

	/**
	 * Keeping secrets out of snapshots.
	 */
	public static class Redaction {

		/**
		 * Whether to keep the redacted events out of every snapshot. When false, snapshots
		 * hold environment variables, system properties and JVM arguments, as plain JFR
		 * recordings do.
		 */
		private boolean enabled = true;

		/**
		 * Names of the JFR events that no snapshot holds: by default those whose values can be
		 * secrets (environment variables, system and security properties, JVM and program
		 * arguments, process command lines).
		 */
		private Set<String> events = new LinkedHashSet<>(FlightRecorder.DEFAULT_REDACTED_EVENTS);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Set<String> getEvents() {
			return this.events;
		}

		public void setEvents(Set<String> events) {
			if (events.stream().anyMatch(String::isBlank)) {
				throw new IllegalArgumentException("event names must not be blank, but were " + events);
			}
			this.events = events;
		}

		/**
		 * Returns the events to redact: none when redaction is disabled.
		 * @return the names of the events to redact
		 */
		public Set<String> redactedEvents() {
			return this.enabled ? this.events : Set.of();
		}

	}

	/**
	 * Micrometer observations recorded as JFR events.
	 */
	public static class Observations {

		/**
		 * Whether to record each finished Micrometer observation (HTTP requests, client
		 * calls, @Observed methods) as an 'io.flightrecorder.Observation' JFR event.
		 */
		private boolean enabled = true;

		/**
		 * Shortest observation recorded as a JFR event. Zero records every observation.
		 * Must not be negative.
		 */
		private Duration threshold = Duration.ofMillis(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getThreshold() {
			return this.threshold;
		}

		public void setThreshold(Duration threshold) {
			this.threshold = notNegative(threshold);
		}

	}

}

package io.flightrecorder.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import io.flightrecorder.FlightRecorder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the flight recorder's ring, its redaction and the observations it
 * records, under the {@code flight-recorder} prefix. Dumps and triggers have their own
 * properties: {@link FlightRecorderDumpsProperties} and
 * {@link FlightRecorderTriggersProperties}.
 */
@ConfigurationProperties("flight-recorder")
public class FlightRecorderProperties {

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
		this.size = PropertyValues.positive(size);
	}

	public Duration getPeriod() {
		return this.period;
	}

	public void setPeriod(Duration period) {
		this.period = PropertyValues.positive(period);
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
		this.minFreeSpace = PropertyValues.positive(minFreeSpace);
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
			this.threshold = PropertyValues.notNegative(threshold);
		}

	}

}

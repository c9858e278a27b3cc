package io.flightrecorder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link FlightRecorder} records: immutable, and the one place that holds the defaults
 * and checks each value, as Go's {@code runtime/trace.FlightRecorderConfig}. Build one with
 * {@link #builder()}; {@link #DEFAULTS} is what a builder starts from.
 *
 * @param size the approximate size of the ring in bytes, a hint (see {@link Builder#size})
 * @param period the approximate span of time the ring covers, a hint (see
 * {@link Builder#period})
 * @param redactedEvents the JFR events no snapshot holds (see {@link Builder#redactedEvents})
 * @param settings the JFR settings the ring records with (see {@link Builder#settings})
 * @param requiredEvents the events the ring records whatever its settings say, each with
 * the highest threshold it may be recorded with (see {@link Builder#requiredEvents})
 * @param repository the directory of the JFR repository and of snapshot files, or
 * {@code null} for the JVM's repository and {@code java.io.tmpdir}
 * @param minFreeSpace the free space in bytes to keep on the disk under them
 * @param exitDump the file JFR writes the ring to if the JVM exits while recording, or
 * {@code null}
 * @param crashHandler what is done with a dead JVM's recording at each start
 * @param stopTimeout how long {@link FlightRecorder#stop()} waits for an open snapshot
 */
public record FlightRecorderConfig(long size, Duration period, Set<String> redactedEvents, Settings settings,
		Map<String, Duration> requiredEvents, @Nullable Path repository, long minFreeSpace, @Nullable Path exitDump, CrashedRecording.Handler crashHandler,
		Duration stopTimeout) {

	/**
	 * The defaults: a ring of 10 MiB and 10 s, JFR's {@code default} settings and no event
	 * required besides, the events that can hold secrets redacted, the JVM's repository, 64 MiB kept free, no exit dump, crashed
	 * recordings deleted unread, and 10 s for an open snapshot at stop.
	 */
	public static final FlightRecorderConfig DEFAULTS = new FlightRecorderConfig(10L * 1024 * 1024,
			Duration.ofSeconds(10),
			Set.of("jdk.InitialEnvironmentVariable", "jdk.InitialSystemProperty", "jdk.InitialSecurityProperty",
					"jdk.SecurityPropertyModification", "jdk.JVMInformation", "jdk.SystemProcess", "jdk.ProcessStart"),
			Settings.DEFAULT, Map.of(), null, 64L * 1024 * 1024, null, CrashedRecording.Handler.NONE, Duration.ofSeconds(10));

	/**
	 * Checks every value.
	 * @throws IllegalArgumentException naming the first value that is not accepted
	 */
	public FlightRecorderConfig {
		checkSize(size);
		checkPeriod(period);
		redactedEvents = checkRedactedEvents(redactedEvents);
		Objects.requireNonNull(settings, "settings");
		requiredEvents = checkRequiredEvents(requiredEvents, redactedEvents);
		checkMinFreeSpace(minFreeSpace);
		Objects.requireNonNull(crashHandler, "crashHandler");
		if (stopTimeout.isNegative()) {
			throw new IllegalArgumentException("The stop timeout must not be negative, but was " + stopTimeout);
		}
	}

	/**
	 * Returns a builder with the {@link #DEFAULTS}.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder(DEFAULTS);
	}

	/**
	 * Checks a {@link Builder#size size}.
	 * @param bytes the size in bytes
	 * @return the size
	 * @throws IllegalArgumentException if it is not positive
	 */
	public static long checkSize(long bytes) {
		if (bytes <= 0) {
			throw new IllegalArgumentException("Size must be positive, but was " + bytes + " bytes");
		}
		return bytes;
	}

	/**
	 * Checks a {@link Builder#period period}.
	 * @param period the period
	 * @return the period
	 * @throws IllegalArgumentException if it is zero or negative
	 */
	public static Duration checkPeriod(Duration period) {
		if (period.isZero() || period.isNegative()) {
			throw new IllegalArgumentException("Period must be positive, but was " + period);
		}
		return period;
	}

	/**
	 * Checks a {@link Builder#minFreeSpace free space to keep}.
	 * @param bytes the free space in bytes
	 * @return the free space
	 * @throws IllegalArgumentException if it is not positive
	 */
	public static long checkMinFreeSpace(long bytes) {
		if (bytes <= 0) {
			throw new IllegalArgumentException("Minimum free space must be positive, but was " + bytes + " bytes");
		}
		return bytes;
	}

	/**
	 * Checks the names of {@link Builder#redactedEvents redacted events}.
	 * @param eventNames the names
	 * @return an unmodifiable copy of the names
	 * @throws IllegalArgumentException if a name is blank
	 */
	public static Set<String> checkRedactedEvents(Collection<String> eventNames) {
		Set<String> events = Set.copyOf(eventNames);
		if (events.stream().anyMatch(String::isBlank)) {
			throw new IllegalArgumentException("Event names must not be blank, but were " + eventNames);
		}
		return events;
	}

	/**
	 * Checks the {@link Builder#requiredEvents required events}: none may be redacted, as
	 * both cannot hold.
	 * @param events the events and their thresholds
	 * @param redactedEvents the redacted events
	 * @return an unmodifiable copy of the events
	 * @throws IllegalArgumentException if a name is blank, a threshold negative, or an event
	 * redacted
	 */
	public static Map<String, Duration> checkRequiredEvents(Map<String, Duration> events,
			Collection<String> redactedEvents) {
		Map<String, Duration> required = Map.copyOf(events);
		required.forEach((event, threshold) -> {
			if (event.isBlank() || threshold.isNegative()) {
				throw new IllegalArgumentException(
						"A required event needs a name and a threshold that is not negative, but was " + events);
			}
			if (redactedEvents.contains(event)) {
				throw new IllegalArgumentException("The event " + event
						+ " is both redacted and required (by an event trigger): it cannot be both");
			}
		});
		return required;
	}

	/**
	 * The JFR settings a ring records with.
	 *
	 * @param name what the settings are called, as {@link RecorderStatus#settings()} says,
	 * such as {@code profile + 2 overrides}
	 * @param values the settings as JFR's {@code Configuration} gives them
	 * ({@code jdk.JavaMonitorEnter#threshold} to {@code 20 ms}, say), or {@code null} for
	 * JFR's {@code default} configuration, read when the ring starts
	 */
	public record Settings(String name, @Nullable Map<String, String> values) {

		/**
		 * JFR's {@code default} configuration.
		 */
		public static final Settings DEFAULT = new Settings("default", null);

		/**
		 * Copies the values.
		 */
		public Settings {
			Objects.requireNonNull(name, "name");
			values = (values != null) ? Map.copyOf(values) : null;
		}

	}

	/**
	 * Builds a {@link FlightRecorderConfig}; each value is checked by {@link #build()}.
	 */
	public static final class Builder {

		private long size;

		private Duration period;

		private Set<String> redactedEvents;

		private Settings settings;

		private Map<String, Duration> requiredEvents;

		private @Nullable Path repository;

		private long minFreeSpace;

		private @Nullable Path exitDump;

		private CrashedRecording.Handler crashHandler;

		private Duration stopTimeout;

		private Builder(FlightRecorderConfig config) {
			this.size = config.size;
			this.period = config.period;
			this.redactedEvents = config.redactedEvents;
			this.settings = config.settings;
			this.requiredEvents = config.requiredEvents;
			this.repository = config.repository;
			this.minFreeSpace = config.minFreeSpace;
			this.exitDump = config.exitDump;
			this.crashHandler = config.crashHandler;
			this.stopTimeout = config.stopTimeout;
		}

		/**
		 * Sets the approximate size of the ring, positive; 10 MiB by default. It takes
		 * precedence over the period: when the data of a whole period does not fit, the ring
		 * keeps the newest data that does.
		 * <p>
		 * This is a hint, not a guarantee: JFR keeps whole chunks, so a snapshot holds at
		 * least the newest chunk even when that alone is larger. The recorder ends a chunk
		 * once it holds half the size, or once it should by how fast the chunks before it
		 * grew (JDKs after 17 write their buffers to disk only once a second): a snapshot then
		 * stays within a quarter above the size from 1 MiB up at steady loads up to 4 MB/s, as
		 * measured; a load that jumps can exceed it until the next chunk end.
		 * @param bytes the size in bytes
		 * @return this builder
		 */
		public Builder size(long bytes) {
			this.size = bytes;
			return this;
		}

		/**
		 * Sets the approximate span of time the ring covers, positive; 10 s by default.
		 * <p>
		 * This is a hint, not a guarantee: once the ring has filled, a snapshot reaches back
		 * at least this far, and at most this plus {@code max(2 s, period / 4)}, unless the
		 * size bound cuts it shorter.
		 * @param period the span
		 * @return this builder
		 */
		public Builder period(Duration period) {
			this.period = Objects.requireNonNull(period, "period");
			return this;
		}

		/**
		 * Sets the JFR events that no snapshot holds, by name ({@code jdk.InitialSystemProperty},
		 * say); empty to redact nothing. By default the events whose values can hold secrets:
		 * environment variables, system and security properties, JVM and program arguments,
		 * and the command lines of processes.
		 * <p>
		 * The recorder never records them, and removes them from a snapshot when another
		 * recording in the JVM did. On JDK 17 and 18, which cannot rewrite a recording, such a
		 * snapshot is refused with {@link SnapshotRedactionException} instead.
		 * @param eventNames the names of the events to redact
		 * @return this builder
		 */
		public Builder redactedEvents(Collection<String> eventNames) {
			this.redactedEvents = Set.copyOf(eventNames);
			return this;
		}

		/**
		 * Sets the JFR settings the ring records with; JFR's {@code default} configuration by
		 * default. The redacted events are disabled whatever these say;
		 * {@link FlightRecorder#boosts()} changes a running recorder's for a while.
		 * <p>
		 * An event these settings name that this JVM does not know is not an error, as an
		 * application or library may register it later, and its settings apply then: the
		 * start logs one warning for each, with the closest known name.
		 * @param settings the settings
		 * @return this builder
		 */
		public Builder settings(Settings settings) {
			this.settings = Objects.requireNonNull(settings, "settings");
			return this;
		}

		/**
		 * Sets the events the ring records whatever its settings (and a boost's) say, each
		 * with the highest threshold it may be recorded with: the events that
		 * {@link io.flightrecorder.events.EventTriggers event triggers} read, as
		 * {@link io.flightrecorder.events.EventTriggers#requiredEvents} gives them. Each is
		 * enabled, and its threshold, if it has one, lowered to the given one where the
		 * settings say more; the start logs once each event it changed. None by default. A
		 * redacted event cannot be required.
		 * @param events the events' names and thresholds
		 * @return this builder
		 */
		public Builder requiredEvents(Map<String, Duration> events) {
			this.requiredEvents = Map.copyOf(events);
			return this;
		}

		/**
		 * Sets the directory of the JFR repository, where the ring's chunks are written, and
		 * of snapshot files; {@code null} (the default) for the JVM's repository and
		 * {@code java.io.tmpdir}. JFR has one repository per JVM, so this moves it for every
		 * recording in the JVM. {@link FlightRecorder#start()} creates the directory.
		 * @param directory the directory, or {@code null}
		 * @return this builder
		 */
		public Builder repository(@Nullable Path directory) {
			this.repository = directory;
			return this;
		}

		/**
		 * Sets the free space to keep on the disk under the repository and snapshot files,
		 * positive; 64 MiB by default. A snapshot that would leave less is refused with
		 * {@link InsufficientSpaceException}; so is a start with less than this plus the size;
		 * and a running recorder whose disk falls below it stops itself, as a full disk under
		 * the JFR repository shuts the JVM down (JDK-8280684).
		 * @param bytes the free space to keep
		 * @return this builder
		 */
		public Builder minFreeSpace(long bytes) {
			this.minFreeSpace = bytes;
			return this;
		}

		/**
		 * Sets a file that JFR writes the ring to if the JVM exits while recording (JFR's
		 * dump on exit), so that the last seconds before a shutdown are kept even where
		 * nothing else can run any more; none by default. The file is not written when
		 * {@link FlightRecorder#stop()} is called while the JVM goes on.
		 * <p>
		 * JFR writes the file itself: without a free-space check, and without redaction. The
		 * ring's own recording never enables the redacted events, but the file holds them if
		 * another recording in the JVM enabled them.
		 * @param file the file, in an existing directory; null to write none
		 * @return this builder
		 */
		public Builder exitDump(@Nullable Path file) {
			this.exitDump = file;
			return this;
		}

		/**
		 * Sets what is done with the recording a JVM left when it was killed while recording
		 * (an out-of-memory kill, {@code kill -9}, a crash): at each
		 * {@link FlightRecorder#start()}, the JFR repositories that recorders of dead JVMs of
		 * this host left in the repository directory (or {@code java.io.tmpdir}) are handed to
		 * it, then deleted, as are the snapshot files such JVMs were writing. Only what is
		 * provably of a dead JVM is touched: never the repository of a live JVM, nor one of
		 * another host on a shared volume. By default {@link CrashedRecording.Handler#NONE}:
		 * deleted unread.
		 * @param handler what to do with each dead JVM's recording
		 * @return this builder
		 */
		public Builder crashHandler(CrashedRecording.Handler handler) {
			this.crashHandler = Objects.requireNonNull(handler, "handler");
			return this;
		}

		/**
		 * Sets how long {@link FlightRecorder#stop()} waits for an open snapshot before it
		 * aborts it (a stalled client, or a snapshot that was never closed), so that stopping
		 * never hangs; 10 s by default.
		 * @param timeout the time to wait, zero or more
		 * @return this builder
		 */
		public Builder stopTimeout(Duration timeout) {
			this.stopTimeout = Objects.requireNonNull(timeout, "timeout");
			return this;
		}

		/**
		 * Builds the configuration.
		 * @return the configuration
		 * @throws IllegalArgumentException naming the first value that is not accepted
		 */
		public FlightRecorderConfig build() {
			return new FlightRecorderConfig(this.size, this.period, this.redactedEvents, this.settings,
					this.requiredEvents, this.repository, this.minFreeSpace, this.exitDump, this.crashHandler, this.stopTimeout);
		}

	}

}

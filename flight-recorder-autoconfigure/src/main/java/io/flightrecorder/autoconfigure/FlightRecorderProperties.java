package io.flightrecorder.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.flightrecorder.FlightRecorderConfig;
import io.flightrecorder.report.ReportOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the flight recorder's ring, its redaction and the observations it
 * records, under the {@code flight-recorder} prefix. Dumps and triggers have their own
 * properties: {@link FlightRecorderDumpsProperties} and
 * {@link FlightRecorderTriggersProperties}.
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
	 * whole chunks, and a chunk is ended once it holds, or should hold by how fast the chunks
	 * before it grew, half of this; a snapshot holds at least the newest chunk, so under a
	 * heavy load it can exceed this by a quarter, and by more until the next chunk end when
	 * the load jumps. Must be positive.
	 */
	private DataSize size = DataSize.ofBytes(FlightRecorderConfig.DEFAULTS.size());

	/**
	 * Approximate span of time the ring covers, a hint: once the ring has filled, a snapshot
	 * reaches back at least this far and at most this plus max(2s, a quarter of it), unless
	 * the size cuts it shorter. Must be positive.
	 */
	private Duration period = FlightRecorderConfig.DEFAULTS.period();

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
	private DataSize minFreeSpace = DataSize.ofBytes(FlightRecorderConfig.DEFAULTS.minFreeSpace());

	/**
	 * Whether to start recording on a background thread, so that JFR's first start in the
	 * JVM (a few hundred milliseconds) does not delay the application's start-up. Until it
	 * has started, nothing is recorded and snapshots are refused (503).
	 */
	private boolean startInBackground;

	/**
	 * JFR settings the ring records with: 'default' (JFR's default configuration), 'profile'
	 * (more detail, about twice the data and more overhead), or the location of a .jfc file:
	 * a path, 'file:...' or 'classpath:...'. The redacted events stay disabled whatever it
	 * enables.
	 */
	private String settings = FlightRecorderConfig.DEFAULTS.settings().name();

	/**
	 * Settings of single events over the base settings, each naming its event, such as
	 * {name: jdk.JavaMonitorEnter, threshold: 10 ms}, with any of: enabled (true or false),
	 * threshold and cutoff (a time span as JFR writes it, such as '10 ms' or '0 ns', or
	 * 'infinity'), period (a time span, or everyChunk, beginChunk or endChunk), throttle (a
	 * rate such as '300/s', or 'off'), stack-trace (true or false), and filter (a method
	 * filter, such as com.example.OrderService::place). An event this JVM does not know is
	 * not an error: start-up logs a warning naming it.
	 */
	private List<Event> events = new ArrayList<>();

	private final Boost boost = new Boost();

	private final Observations observations = new Observations();

	private final Redaction redaction = new Redaction();

	private final Report report = new Report();

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
		FlightRecorderConfig.checkSize(size.toBytes());
		this.size = size;
	}

	public Duration getPeriod() {
		return this.period;
	}

	public void setPeriod(Duration period) {
		this.period = FlightRecorderConfig.checkPeriod(period);
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
		FlightRecorderConfig.checkMinFreeSpace(minFreeSpace.toBytes());
		this.minFreeSpace = minFreeSpace;
	}

	public boolean isStartInBackground() {
		return this.startInBackground;
	}

	public void setStartInBackground(boolean startInBackground) {
		this.startInBackground = startInBackground;
	}

	public String getSettings() {
		return this.settings;
	}

	public void setSettings(String settings) {
		this.settings = RecordingSettings.checkLocation(settings);
	}

	public List<Event> getEvents() {
		return this.events;
	}

	public void setEvents(List<Event> events) {
		this.events = events;
	}

	public Boost getBoost() {
		return this.boost;
	}

	public Observations getObservations() {
		return this.observations;
	}

	@Override
	public boolean supports(Class<?> type) {
		return FlightRecorderProperties.class.isAssignableFrom(type);
	}

	/**
	 * Checks that each event's settings name the event, and that none enables a redacted
	 * event: redaction wins, and is undone only on purpose.
	 */
	@Override
	public void validate(Object target, Errors errors) {
		FlightRecorderProperties properties = (FlightRecorderProperties) target;
		Set<String> redacted = properties.getRedaction().redactedEvents();
		validate(properties.getEvents(), "events", redacted, errors);
		properties.getBoost()
			.getPresets()
			.forEach((name, preset) -> validate(preset.getEvents(), "boost.presets[" + name + "].events", redacted,
					errors));
	}

	private static void validate(List<Event> events, String path, Set<String> redacted, Errors errors) {
		for (int i = 0; i < events.size(); i++) {
			Event event = events.get(i);
			if (event.getName().isEmpty()) {
				errors.rejectValue(path + "[" + i + "].name", "required", "the settings of an event must name it");
			}
			else if (redacted.contains(event.getName()) && Boolean.TRUE.equals(event.getEnabled())) {
				errors.rejectValue(path + "[" + i + "].enabled", "redacted", event.getName()
						+ " is redacted: to record it on purpose, remove it from flight-recorder.redaction.events");
			}
		}
	}

	public Redaction getRedaction() {
		return this.redaction;
	}

	public Report getReport() {
		return this.report;
	}

	/**
	 * Building the report pages, so that a report never risks the application's heap.
	 */
	public static class Report {

		/**
		 * Where report pages are built: 'auto' in the application's JVM when the report's
		 * estimated heap fits its share (heap-share), in a JVM of its own otherwise;
		 * 'in-process' only in the application's JVM, refusing (503) a report that does not
		 * fit; 'out-of-process' always in a JVM of its own.
		 */
		private ReportOptions.Build build = ReportOptions.DEFAULTS.build();

		/**
		 * Share of the heap left free after the last garbage collection that a report built
		 * in the application's JVM may use, above 0 and at most 1. A report estimated to need
		 * more is built in a JVM of its own, or refused; one that grows past it while built is
		 * abandoned (503). Default 0.5.
		 */
		private double heapShare = ReportOptions.DEFAULTS.heapShare();

		/**
		 * Longest time a report may take to build; one that takes longer is abandoned, its
		 * JVM killed if it had one, and answered 503. Must be positive. Default 60s.
		 */
		private Duration timeout = ReportOptions.DEFAULTS.timeout();

		/**
		 * Largest heap (-Xmx) given to a report's own JVM; a report estimated to need more is
		 * refused (503). Must be positive. Default 1GB.
		 */
		private DataSize maxProcessHeap = DataSize.ofBytes(ReportOptions.DEFAULTS.maxProcessHeap());

		public ReportOptions.Build getBuild() {
			return this.build;
		}

		public void setBuild(ReportOptions.Build build) {
			this.build = build;
		}

		public double getHeapShare() {
			return this.heapShare;
		}

		public void setHeapShare(double heapShare) {
			this.heapShare = ReportOptions.checkHeapShare(heapShare);
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = PropertyValues.positive(timeout);
		}

		public DataSize getMaxProcessHeap() {
			return this.maxProcessHeap;
		}

		public void setMaxProcessHeap(DataSize maxProcessHeap) {
			this.maxProcessHeap = PropertyValues.positive(maxProcessHeap);
		}

		/**
		 * Returns the options of the report builder.
		 */
		public ReportOptions options() {
			return new ReportOptions(this.build, this.heapShare, this.timeout, this.maxProcessHeap.toBytes());
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
		private Set<String> events = new LinkedHashSet<>(FlightRecorderConfig.DEFAULTS.redactedEvents());

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
			FlightRecorderConfig.checkRedactedEvents(events);
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

		/**
		 * Prefixes of the names of observations not recorded as JFR events. By default Spring
		 * Security's, which observe several steps of its filter chain within every request, each
		 * as costly to handle as the request's own observation. Empty records every
		 * observation. The triggers watch the observations they name regardless.
		 */
		private List<String> ignoredPrefixes = new ArrayList<>(List.of("spring.security."));

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

		public List<String> getIgnoredPrefixes() {
			return this.ignoredPrefixes;
		}

		public void setIgnoredPrefixes(List<String> ignoredPrefixes) {
			this.ignoredPrefixes = ignoredPrefixes;
		}

	}


	/**
	 * The settings of one JFR event, over the base settings. Only the settings given are
	 * changed.
	 */
	public static class Event {

		/**
		 * Name of the event, such as jdk.ObjectAllocationSample.
		 */
		private String name = "";

		/**
		 * Whether the event is recorded.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Shortest duration recorded, as JFR writes it: '10 ms', '0 ns', 'infinity'.
		 */
		private @Nullable String threshold;

		/**
		 * Interval of a periodic event: '20 ms', '1 s', 'everyChunk', 'beginChunk',
		 * 'endChunk'.
		 */
		private @Nullable String period;

		/**
		 * Most events recorded per unit of time: '300/s', 'off'; for jdk.CPUTimeSample (JDK
		 * 25), the CPU time between samples, such as '10 ms'.
		 */
		private @Nullable String throttle;

		/**
		 * Whether the event records its stack trace.
		 */
		private @Nullable Boolean stackTrace;

		/**
		 * Longest duration recorded for an event that has a cutoff, such as jdk.OldObjectSample:
		 * '1 h', 'infinity'.
		 */
		private @Nullable String cutoff;

		/**
		 * Methods to time or trace, for jdk.MethodTiming and jdk.MethodTrace (JDK 25), such as
		 * 'com.example.OrderService::place'.
		 */
		private @Nullable String filter;

		/**
		 * Other settings of the event, by name, passed to JFR as they are.
		 */
		private Map<String, String> settings = new LinkedHashMap<>();

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name.trim();
		}

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getThreshold() {
			return this.threshold;
		}

		public void setThreshold(String threshold) {
			this.threshold = JfrSettingValues.timespan(threshold);
		}

		public @Nullable String getPeriod() {
			return this.period;
		}

		public void setPeriod(String period) {
			this.period = JfrSettingValues.period(period);
		}

		public @Nullable String getThrottle() {
			return this.throttle;
		}

		public void setThrottle(String throttle) {
			this.throttle = JfrSettingValues.throttle(throttle);
		}

		public @Nullable Boolean getStackTrace() {
			return this.stackTrace;
		}

		public void setStackTrace(@Nullable Boolean stackTrace) {
			this.stackTrace = stackTrace;
		}

		public @Nullable String getCutoff() {
			return this.cutoff;
		}

		public void setCutoff(String cutoff) {
			this.cutoff = JfrSettingValues.timespan(cutoff);
		}

		public @Nullable String getFilter() {
			return this.filter;
		}

		public void setFilter(String filter) {
			this.filter = JfrSettingValues.notBlank(filter);
		}

		public Map<String, String> getSettings() {
			return this.settings;
		}

		public void setSettings(Map<String, String> settings) {
			this.settings = settings;
		}

		/**
		 * Returns the settings given, as JFR names them ({@code <event>#<setting>}).
		 * @return the settings, in a stable order
		 */
		public Map<String, String> jfrSettings() {
			Map<String, String> jfr = new LinkedHashMap<>();
			this.settings.forEach((setting, value) -> jfr.put(this.name + "#" + setting, value));
			put(jfr, "enabled", this.enabled);
			put(jfr, "threshold", this.threshold);
			put(jfr, "period", this.period);
			put(jfr, "throttle", this.throttle);
			put(jfr, "stackTrace", this.stackTrace);
			put(jfr, "cutoff", this.cutoff);
			put(jfr, "filter", this.filter);
			return jfr;
		}

		private void put(Map<String, String> jfr, String setting, @Nullable Object value) {
			if (value != null) {
				jfr.put(this.name + "#" + setting, value.toString());
			}
		}

	}

	/**
	 * Temporary boosts of the ring's settings, asked for on the flightrecording endpoint.
	 */
	public static class Boost {

		/**
		 * Longest boost: a boost asked for longer gets this. Must be positive.
		 */
		private Duration maxDuration = Duration.ofMinutes(5);

		/**
		 * Named settings a boost can ask for, besides 'default' and 'profile': each base
		 * settings and events over them, as the ring's own.
		 */
		private Map<String, Preset> presets = new LinkedHashMap<>();

		public Duration getMaxDuration() {
			return this.maxDuration;
		}

		public void setMaxDuration(Duration maxDuration) {
			this.maxDuration = PropertyValues.positive(maxDuration);
		}

		public Map<String, Preset> getPresets() {
			return this.presets;
		}

		public void setPresets(Map<String, Preset> presets) {
			this.presets = presets;
		}

	}

	/**
	 * Named settings for a boost.
	 */
	public static class Preset {

		/**
		 * Base settings: 'default', 'profile', or the location of a .jfc file.
		 */
		private String settings = FlightRecorderConfig.DEFAULTS.settings().name();

		/**
		 * Settings of single events over the base settings.
		 */
		private List<Event> events = new ArrayList<>();

		public String getSettings() {
			return this.settings;
		}

		public void setSettings(String settings) {
			this.settings = RecordingSettings.checkLocation(settings);
		}

		public List<Event> getEvents() {
			return this.events;
		}

		public void setEvents(List<Event> events) {
			this.events = events;
		}

	}

}

package io.flightrecorder.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.events.EventRules;
import io.flightrecorder.events.EventThreshold;
import io.flightrecorder.events.InvalidEventRuleException;
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

	/**
	 * A dump when a garbage collection paused the application for longer than the
	 * threshold (jdk.GarbageCollection's longestPause); written as '...-event-gc-pause.jfr'.
	 */
	private final EventRule gcPause = new EventRule();

	/**
	 * A dump when a virtual thread was pinned to its carrier for longer than the threshold
	 * (jdk.VirtualThreadPinned; Java 21 and later); written as '...-event-pinned.jfr'.
	 */
	private final EventRule pinned = new EventRule();

	/**
	 * A dump when a thread was blocked for longer than the threshold on entering a monitor
	 * another thread held (jdk.JavaMonitorEnter); written as '...-event-monitor-wait.jfr'.
	 */
	private final EventRule monitorWait = new EventRule();

	/**
	 * A dump when a safepoint stopped every Java thread for longer than the threshold, from
	 * reaching it to its end (jdk.SafepointBegin to jdk.SafepointEnd, then recorded for every
	 * safepoint); written as '...-event-safepoint.jfr'.
	 */
	private final EventRule safepoint = new EventRule();

	/**
	 * A dump when ZGC stalled a thread's allocation for longer than the threshold
	 * (jdk.ZAllocationStall; never with another collector); written as
	 * '...-event-allocation-stall.jfr'.
	 */
	private final EventRule allocationStall = new EventRule();

	private final HeapAfterGc heapAfterGc = new HeapAfterGc();

	private final Deadlock deadlock = new Deadlock();

	/**
	 * Rules on JFR events: each fires when its event's field (a duration, a number or a
	 * boolean), or without a field the event's duration, is above its value; without a value,
	 * at every event. Written as '...-event-<name>.jfr'.
	 */
	private List<Event> events = new ArrayList<>();

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

	public EventRule getGcPause() {
		return this.gcPause;
	}

	public EventRule getPinned() {
		return this.pinned;
	}

	public EventRule getMonitorWait() {
		return this.monitorWait;
	}

	public EventRule getSafepoint() {
		return this.safepoint;
	}

	public EventRule getAllocationStall() {
		return this.allocationStall;
	}

	public HeapAfterGc getHeapAfterGc() {
		return this.heapAfterGc;
	}

	public Deadlock getDeadlock() {
		return this.deadlock;
	}

	public List<Event> getEvents() {
		return this.events;
	}

	public void setEvents(List<Event> events) {
		this.events = events;
	}

	/**
	 * Returns whether a rule on JFR's events is turned on.
	 */
	boolean hasEventRules() {
		return this.gcPause.isEnabled() || this.pinned.isEnabled() || this.monitorWait.isEnabled()
				|| this.safepoint.isEnabled() || this.allocationStall.isEnabled() || this.heapAfterGc.isEnabled()
				|| !this.events.isEmpty();
	}

	/**
	 * Returns the event rules turned on, each with its cooldown.
	 * @throws InvalidRuleProperty naming the property of the first rule that this JVM cannot
	 * apply
	 */
	Map<io.flightrecorder.events.EventRule, Duration> eventRules() {
		Map<io.flightrecorder.events.EventRule, Duration> rules = new LinkedHashMap<>();
		add(rules, this.gcPause, "gc-pause", Duration.ofMillis(500), EventRules::gcPause);
		add(rules, this.pinned, "pinned", Duration.ofMillis(200), EventRules::pinned);
		add(rules, this.monitorWait, "monitor-wait", Duration.ofSeconds(1), EventRules::monitorWait);
		add(rules, this.safepoint, "safepoint", Duration.ofMillis(500), EventRules::safepoint);
		add(rules, this.allocationStall, "allocation-stall", Duration.ofMillis(10), EventRules::allocationStall);
		if (this.heapAfterGc.isEnabled()) {
			rules.put(rule("heap-after-gc.threshold", () -> EventRules.heapAfterGc(this.heapAfterGc.getThreshold())),
					this.heapAfterGc.getCooldown());
		}
		for (int i = 0; i < this.events.size(); i++) {
			Event event = this.events.get(i);
			String property = "events[" + i + "].";
			rules.put(rule(property, () -> EventThreshold.of(event.ruleName(), event.getEvent(), event.getField(),
					event.getAbove())), event.getCooldown());
		}
		return rules;
	}

	private static void add(Map<io.flightrecorder.events.EventRule, Duration> rules, EventRule settings, String name,
			Duration defaultThreshold, Function<Duration, io.flightrecorder.events.EventRule> rule) {
		if (settings.isEnabled()) {
			Duration threshold = (settings.getThreshold() != null) ? settings.getThreshold() : defaultThreshold;
			rules.put(rule(name + ".enabled", () -> rule.apply(threshold)), settings.getCooldown());
		}
	}

	/**
	 * Makes a rule, naming the property that made it when this JVM cannot apply it: an entry
	 * of the events list is named by the part that is wrong.
	 */
	private static io.flightrecorder.events.EventRule rule(String property,
			Supplier<io.flightrecorder.events.EventRule> rule) {
		try {
			return rule.get();
		}
		catch (InvalidEventRuleException ex) {
			throw new InvalidRuleProperty(property.endsWith(".") ? property + ex.part() : property, ex);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRuleProperty(property, ex);
		}
	}

	/**
	 * Checks what binding alone cannot: that every meter trigger names its meter, as an entry
	 * without one would never fire, and that this JVM has the events and fields the event
	 * rules name.
	 */
	@Override
	public void validate(Object target, Errors errors) {
		FlightRecorderTriggersProperties properties = (FlightRecorderTriggersProperties) target;
		List<Meter> meters = properties.getMeters();
		for (int i = 0; i < meters.size(); i++) {
			if (meters.get(i).getName().isBlank()) {
				errors.rejectValue("meters[" + i + "].name", "required", "a meter trigger must name its meter");
			}
		}
		try {
			properties.eventRules();
		}
		catch (InvalidRuleProperty ex) {
			errors.rejectValue(ex.property, "invalid", ex.getMessage());
		}
	}

	/**
	 * An event rule this JVM cannot apply, and the property that asked for it, relative to
	 * {@code flight-recorder.triggers}.
	 */
	static final class InvalidRuleProperty extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		private final String property;

		InvalidRuleProperty(String property, IllegalArgumentException cause) {
			super(cause.getMessage(), cause);
			this.property = property;
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
	 * A ready-made rule on JFR's events.
	 */
	public static class EventRule extends AbstractTrigger {

		/**
		 * Whether this rule is on.
		 */
		private boolean enabled;

		/**
		 * Shortest event that fires. By default 500ms for gc-pause and safepoint, 200ms for
		 * pinned, 1s for monitor-wait and 10ms for allocation-stall. Must be positive.
		 */
		private @Nullable Duration threshold;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Duration getThreshold() {
			return this.threshold;
		}

		public void setThreshold(@Nullable Duration threshold) {
			this.threshold = (threshold != null) ? PropertyValues.positive(threshold) : null;
		}

	}

	/**
	 * A dump when the heap is still above a share of its maximum after a collection
	 * (jdk.GCHeapSummary after GC): a leak or a heap too small; written as
	 * '...-event-heap-after-gc.jfr'.
	 */
	public static class HeapAfterGc extends AbstractTrigger {

		/**
		 * Whether this rule is on.
		 */
		private boolean enabled;

		/**
		 * Percentage of the heap's maximum above which the heap used after a collection
		 * fires. Must be above 0 and below 100.
		 */
		private double threshold = 90;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public double getThreshold() {
			return this.threshold;
		}

		public void setThreshold(double threshold) {
			this.threshold = threshold;
		}

	}

	/**
	 * A dump when threads are deadlocked, asked of ThreadMXBean.findDeadlockedThreads at
	 * every check interval (a short safepoint each); each deadlock fires once. Written as
	 * '...-event-deadlock.jfr'.
	 */
	public static class Deadlock extends AbstractTrigger {

		/**
		 * Whether this check is on.
		 */
		private boolean enabled;

		/**
		 * Time between two checks. Must be positive.
		 */
		private Duration checkInterval = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getCheckInterval() {
			return this.checkInterval;
		}

		public void setCheckInterval(Duration checkInterval) {
			this.checkInterval = PropertyValues.positive(checkInterval);
		}

	}

	/**
	 * A rule on one JFR event.
	 */
	public static class Event extends AbstractTrigger {

		/**
		 * Name of the rule, which the dump's name ends with. By default the event's name.
		 */
		private @Nullable String name;

		/**
		 * Name of the event, such as 'jdk.GarbageCollection', or of an application's own
		 * event class.
		 */
		private String event = "";

		/**
		 * Field of the event to compare: a duration, a number or a boolean (which fires when
		 * true). By default the event's duration.
		 */
		private @Nullable String field;

		/**
		 * Value above which the field, or the event's duration, fires: a duration such as
		 * '500ms' for a duration, a number for a number; none for a boolean field, and
		 * without a field to fire at every event.
		 */
		private @Nullable String above;

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public String getEvent() {
			return this.event;
		}

		public void setEvent(String event) {
			this.event = event;
		}

		public @Nullable String getField() {
			return this.field;
		}

		public void setField(@Nullable String field) {
			this.field = field;
		}

		public @Nullable String getAbove() {
			return this.above;
		}

		public void setAbove(@Nullable String above) {
			this.above = above;
		}

		String ruleName() {
			return (this.name != null) ? this.name : this.event;
		}

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

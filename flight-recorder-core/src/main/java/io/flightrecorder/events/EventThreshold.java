package io.flightrecorder.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import io.flightrecorder.events.EventTypes.FieldKind;
import io.flightrecorder.internal.Durations;
import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import org.jspecify.annotations.Nullable;

/**
 * A rule on one event: it fires when a field of the event is above a value (a duration or a
 * number), when a boolean field is true, when the event lasted longer than a duration, or at
 * every event of that type (an application's own event that means trouble).
 * <p>
 * Made with {@link #of}, which checks the event and the field against this JVM's JFR
 * metadata, so that a misspelled name fails at start-up rather than never firing.
 */
public final class EventThreshold implements EventRule {

	private final String name;

	private final String event;

	private final @Nullable String field;

	private final @Nullable FieldKind kind;

	private final @Nullable Duration aboveDuration;

	private final double aboveNumber;

	private final Duration threshold;

	private EventThreshold(String name, String event, @Nullable String field, @Nullable FieldKind kind,
			@Nullable Duration aboveDuration, double aboveNumber) {
		this.name = name;
		this.event = event;
		this.field = field;
		this.kind = kind;
		this.aboveDuration = aboveDuration;
		this.aboveNumber = aboveNumber;
		this.threshold = (field == null && aboveDuration != null) ? aboveDuration : Duration.ZERO;
	}

	/**
	 * Returns a rule on one event, checked against this JVM's events.
	 * @param name the rule's name, which its dumps' names end with
	 * @param eventName the event's name, such as {@code jdk.GarbageCollection}; an
	 * application's event class not loaded yet is found by its class name, and registered
	 * @param field the field to compare, a duration, a number or a boolean; {@code null} for
	 * the event's own duration
	 * @param above the value it fires above: a duration such as {@code 500ms} or
	 * {@code 1.5 s} for a duration, a number for a number; {@code null} for a boolean field,
	 * and without a field for every event of the type
	 * @return the rule
	 * @throws InvalidEventRuleException naming what is wrong, and what exists: an event this
	 * JVM does not know, a field the event does not have (with the fields it has), a value
	 * that is not of the field's kind
	 */
	public static EventThreshold of(String name, String eventName, @Nullable String field, @Nullable String above) {
		EventType type = EventTypes.find(eventName);
		String event = type.getName();
		FieldKind kind = kind(name, type, field);
		if (kind == FieldKind.BOOLEAN) {
			if (above != null) {
				throw new InvalidEventRuleException("above", "the field " + field + " of " + event
						+ " is a boolean, which fires when true: it takes no value to be above, but was given '"
						+ above + "'");
			}
			return new EventThreshold(name, event, field, kind, null, 0);
		}
		if (above == null) {
			if (kind != null) {
				throw new InvalidEventRuleException("above", "the field " + field + " of " + event + " is " + kind.description
						+ ": it needs a value to be above");
			}
			return new EventThreshold(name, event, null, null, null, 0);
		}
		try {
			return (kind == FieldKind.NUMBER) ? new EventThreshold(name, event, field, kind, null, number(above))
					: new EventThreshold(name, event, field, kind, Durations.parse(above), 0);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEventRuleException("above", ex.getMessage());
		}
	}

	/**
	 * Returns a rule that fires when a duration, a field or the event's own, is above a
	 * given one.
	 * @throws IllegalArgumentException if the event does not exist, or the field is not a
	 * duration
	 */
	static EventThreshold longerThan(String name, String event, @Nullable String field, Duration above) {
		FieldKind kind = kind(name, EventTypes.find(event), field);
		if (kind != null && kind != FieldKind.DURATION) {
			throw new InvalidEventRuleException("field",
					"the field " + field + " of " + event + " is " + kind.description + ", not a duration");
		}
		return new EventThreshold(name, event, field, kind, above, 0);
	}

	/**
	 * Checks the rule's name and its event's field, and returns the field's kind, or
	 * {@code null} without a field.
	 */
	private static @Nullable FieldKind kind(String name, EventType type, @Nullable String field) {
		if (name.isBlank()) {
			throw new InvalidEventRuleException("name", "an event rule needs a name");
		}
		if (field == null) {
			return null;
		}
		ValueDescriptor descriptor = type.getField(field);
		FieldKind kind = (descriptor != null) ? FieldKind.of(descriptor) : null;
		if (kind == null) {
			throw new InvalidEventRuleException("field", "the event " + type.getName() + " has no field '" + field
					+ "' that is a duration, a number or a boolean; it has: " + EventTypes.comparableFields(type));
		}
		return kind;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Map<String, Duration> events() {
		return Map.of(this.event, this.threshold);
	}

	@Override
	public @Nullable EventFiring test(RecordedEvent event) {
		String value = (this.field != null) ? fieldValue(event, this.field) : durationValue(event);
		return (value != null) ? firing(event, value) : null;
	}

	private @Nullable String durationValue(RecordedEvent event) {
		if (this.aboveDuration == null) {
			return "committed";
		}
		Duration duration = event.getDuration();
		return (duration.compareTo(this.aboveDuration) > 0) ? "duration " + millis(duration) + " > "
				+ millis(this.aboveDuration) : null;
	}

	private @Nullable String fieldValue(RecordedEvent event, String field) {
		if (!event.hasField(field)) {
			return null;
		}
		if (this.kind == FieldKind.BOOLEAN) {
			return event.getBoolean(field) ? field + " true" : null;
		}
		if (this.kind == FieldKind.DURATION && this.aboveDuration != null) {
			Duration value = event.getDuration(field);
			return (value.compareTo(this.aboveDuration) > 0) ? field + " " + millis(value) + " > "
					+ millis(this.aboveDuration) : null;
		}
		double value = event.getDouble(field);
		return (value > this.aboveNumber) ? field + " " + plain(value) + " > " + plain(this.aboveNumber) : null;
	}

	/**
	 * Returns the firing of an event with its value, thread and stack.
	 */
	static EventFiring firing(RecordedEvent event, String value) {
		RecordedThread thread = event.getThread();
		return new EventFiring(event.getEventType().getName(), value, (thread != null) ? threadName(thread) : null,
				event.getStartTime(), event.getDuration(), Stacks.of(event.getStackTrace()));
	}

	/**
	 * Returns a thread's Java name, or says that it has none, as a virtual thread usually.
	 */
	private static String threadName(RecordedThread thread) {
		String name = (thread.getJavaName() != null) ? thread.getJavaName() : thread.getOSName();
		return (name != null && !name.isEmpty()) ? name : "unnamed thread " + thread.getJavaThreadId();
	}

	/**
	 * Returns a duration as a page shows it, such as {@code 912.3 ms}.
	 */
	static String millis(Duration duration) {
		return String.format(Locale.ROOT, "%.1f ms", duration.toNanos() / 1e6);
	}

	/**
	 * Returns a number as written, without trailing zeros or an exponent.
	 */
	static String plain(double value) {
		return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
	}

	private static double number(String text) {
		try {
			return Double.parseDouble(text.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + text + "' is not a number", ex);
		}
	}

}

package io.flightrecorder.events;

import java.util.StringJoiner;

import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Timespan;
import jdk.jfr.Timestamp;
import jdk.jfr.ValueDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * Finds the JFR event types rules name, and says what they are when a name is wrong.
 */
final class EventTypes {

	private EventTypes() {
	}

	/**
	 * Returns the event type of a name: one this JVM has registered (its own, or an
	 * application's already loaded), or else an application's event class of that name, which
	 * is registered with JFR so that the ring records it from the start, whatever JFR name its
	 * {@code @Name} gives it.
	 * @throws InvalidEventRuleException if there is no such event
	 */
	static EventType find(String name) {
		for (EventType type : FlightRecorder.getFlightRecorder().getEventTypes()) {
			if (type.getName().equals(name)) {
				return type;
			}
		}
		try {
			Class<?> type = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
			if (Event.class.isAssignableFrom(type)) {
				return EventType.getEventType(type.asSubclass(Event.class));
			}
		}
		catch (ClassNotFoundException | LinkageError ex) {
			// not an application's event class either
		}
		throw new InvalidEventRuleException("event", "no JFR event '" + name + "' in this JVM (Java "
				+ Runtime.version().feature() + "): neither one of the JVM's ('jfr metadata' lists them) nor "
				+ "a jdk.jfr.Event class of that name on the class path (an application's event that is not "
				+ "loaded yet is found by its class name)");
	}

	/**
	 * Returns the fields of an event that a rule can compare, with their kinds, for an error
	 * message.
	 */
	static String comparableFields(EventType type) {
		StringJoiner fields = new StringJoiner(", ");
		for (ValueDescriptor field : type.getFields()) {
			FieldKind kind = FieldKind.of(field);
			if (kind != null) {
				fields.add(field.getName() + " (" + kind.description + ")");
			}
		}
		return fields.toString();
	}

	/**
	 * What a rule compares a field's value as.
	 */
	enum FieldKind {

		DURATION("a duration"), NUMBER("a number"), BOOLEAN("a boolean");

		final String description;

		FieldKind(String description) {
			this.description = description;
		}

		/**
		 * Returns the kind of a field, or {@code null} when a rule cannot compare it (a
		 * string, a time stamp, a thread, a stack).
		 */
		static @Nullable FieldKind of(ValueDescriptor field) {
			if (field.getAnnotation(Timespan.class) != null) {
				return DURATION;
			}
			if (field.getAnnotation(Timestamp.class) != null) {
				return null;
			}
			return switch (field.getTypeName()) {
				case "byte", "short", "int", "long", "float", "double" -> NUMBER;
				case "boolean" -> BOOLEAN;
				default -> null;
			};
		}

	}

}

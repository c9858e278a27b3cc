package io.flightrecorder.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import jdk.jfr.Timestamp;

/**
 * The JFR event an event trigger commits when it fires, just before its dump is taken, so
 * that the dump says in itself what fired it: the report page marks it on the timeline and
 * shows its stack first, and {@code jfr print --events io.flightrecorder.EventTrigger} prints
 * it.
 */
@Name(EventTriggers.TRIGGER_EVENT)
@Label("Event Trigger")
@Description("An event trigger of the flight recorder fired on this event")
@Category("Flight Recorder")
@StackTrace(false)
final class TriggerEvent extends Event {

	@Label("Rule")
	String rule;

	@Label("Event")
	String event;

	@Label("Value")
	String value;

	@Label("Thread")
	@Description("The thread the event happened in")
	String thread;

	@Label("Event Start")
	@Timestamp(Timestamp.MILLISECONDS_SINCE_EPOCH)
	long eventStart;

	@Label("Event Duration")
	@Timespan(Timespan.NANOSECONDS)
	long eventDuration;

	@Label("Stack")
	@Description("The stack of the event's thread when it happened, top frame first")
	String stack;

	/**
	 * Commits the event of a firing. Must not be called on the event stream's thread, whose
	 * events JFR leaves out.
	 */
	static void commit(String rule, EventFiring firing) {
		TriggerEvent event = new TriggerEvent();
		event.rule = rule;
		event.event = firing.event();
		event.value = firing.value();
		event.thread = firing.thread();
		event.eventStart = firing.start().toEpochMilli();
		event.eventDuration = firing.duration().toNanos();
		event.stack = firing.stack();
		event.commit();
	}

}

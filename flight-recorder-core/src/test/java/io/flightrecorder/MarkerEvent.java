package io.flightrecorder;

import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * An event a test commits and then looks for in a snapshot.
 */
@Name("io.flightrecorder.test.Marker")
@Label("Marker")
public class MarkerEvent extends Event {

	@Label("Value")
	public String value;

	public static void commit(String value) {
		MarkerEvent event = new MarkerEvent();
		event.value = value;
		event.commit();
	}

}

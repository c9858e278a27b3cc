package io.flightrecorder;

import io.flightrecorder.dump.TraceIndex;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * An observation event as the starter's Micrometer handler commits it, with the fields a
 * trace index reads, for tests without Spring.
 */
@Name(TraceIndex.OBSERVATION)
@StackTrace(false)
public class TracedObservationEvent extends Event {

	public String name;

	public String method;

	public String uri;

	public String traceId;

	public String spanId;

	/**
	 * Commits an HTTP request's observation of a trace that lasted a few milliseconds.
	 */
	public static void commit(String uri, String traceId, String spanId) throws InterruptedException {
		TracedObservationEvent event = new TracedObservationEvent();
		event.begin();
		Thread.sleep(5);
		event.name = "http.server.requests";
		event.method = "GET";
		event.uri = uri;
		event.traceId = traceId;
		event.spanId = spanId;
		event.commit();
	}

}

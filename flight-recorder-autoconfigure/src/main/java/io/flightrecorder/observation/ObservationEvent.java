package io.flightrecorder.observation;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A finished Micrometer observation, as a JFR event: it spans the observation's time on the
 * thread that stopped it, so JMC and {@code jfr print} show it next to the samples taken
 * during it.
 */
@Name(ObservationEvent.NAME)
@Label("Observation")
@Category({ "Spring", "Observation" })
@Description("A finished Micrometer observation: an HTTP request, a client call, an @Observed method, a query")
@StackTrace(false)
class ObservationEvent extends Event {

	static final String NAME = "io.flightrecorder.Observation";

	@Label("Name")
	@Description("The observation's name, such as http.server.requests")
	String name;

	@Label("Contextual Name")
	@Description("The observation's contextual name, such as 'http get /orders/{id}'")
	String contextualName;

	@Label("Method")
	@Description("The low-cardinality key value 'method', such as GET")
	String method;

	@Label("URI")
	@Description("The low-cardinality key value 'uri': for HTTP, the URI template")
	String uri;

	@Label("Status")
	@Description("The low-cardinality key value 'status', such as 200")
	String status;

	@Label("Outcome")
	@Description("The low-cardinality key value 'outcome', such as SUCCESS")
	String outcome;

	@Label("Key Values")
	@Description("All low-cardinality key values, as key=value pairs")
	String keyValues;

	@Label("Error")
	@Description("The class of the error the observation ended with, if any")
	String error;

	@Label("Trace Id")
	@Description("The trace id, when Micrometer Tracing traces the observation")
	String traceId;

	@Label("Span Id")
	@Description("The span id, when Micrometer Tracing traces the observation")
	String spanId;

	/**
	 * When the observation started, to tell how long it lasted; not recorded.
	 */
	transient long startNanos;

	/**
	 * Whether the event began with the observation, which JFR recorded then; not recorded.
	 */
	transient boolean begun;

}

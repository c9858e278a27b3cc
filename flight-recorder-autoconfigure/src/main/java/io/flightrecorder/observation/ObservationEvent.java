package io.flightrecorder.observation;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

import jdk.jfr.AnnotationElement;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.EventFactory;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.ValueDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * A finished Micrometer observation, as a JFR event: it spans the observation's time on the
 * thread that stopped it, so JMC and {@code jfr print} show it next to the samples taken
 * during it.
 * <p>
 * Its type is defined when the application runs, not by a class, so that on JDK 25 and later
 * its trace ID, span ID and URI are {@code @jdk.jfr.Contextual}: {@code jfr print} then shows
 * them on every sample, lock and wait of its thread while it lasted. On JDK 17 to 24, which
 * do not know that annotation, the event is the same without it. One type, one name, one set
 * of fields on every JDK: recordings of either read alike.
 */
final class ObservationEvent {

	static final String NAME = "io.flightrecorder.Observation";

	static final int NAME_FIELD = 0;

	static final int CONTEXTUAL_NAME = 1;

	static final int METHOD = 2;

	static final int URI = 3;

	static final int STATUS = 4;

	static final int OUTCOME = 5;

	static final int KEY_VALUES = 6;

	static final int ERROR = 7;

	static final int TRACE_ID = 8;

	static final int SPAN_ID = 9;

	/**
	 * {@code jdk.jfr.Contextual}, on JDK 25 and later; {@code null} before.
	 */
	static final @Nullable Class<? extends Annotation> CONTEXTUAL = contextual();

	private static final EventFactory FACTORY = EventFactory.create(
			List.of(new AnnotationElement(Name.class, NAME), new AnnotationElement(Label.class, "Observation"),
					new AnnotationElement(Category.class, new String[] { "Spring", "Observation" }),
					new AnnotationElement(Description.class,
							"A finished Micrometer observation: an HTTP request, a client call, an @Observed method, "
									+ "a query"),
					new AnnotationElement(StackTrace.class, false)),
			List.of(field("name", "Name", "The observation's name, such as http.server.requests", false),
					field("contextualName", "Contextual Name",
							"The observation's contextual name, such as 'http get /orders/{id}'", false),
					field("method", "Method", "The low-cardinality key value 'method', such as GET", false),
					field("uri", "URI", "The low-cardinality key value 'uri': for HTTP, the URI template", true),
					field("status", "Status", "The low-cardinality key value 'status', such as 200", false),
					field("outcome", "Outcome", "The low-cardinality key value 'outcome', such as SUCCESS", false),
					field("keyValues", "Key Values", "All low-cardinality key values, as key=value pairs", false),
					field("error", "Error", "The class of the error the observation ended with, if any", false),
					field("traceId", "Trace Id", "The trace id, when Micrometer Tracing traces the observation", true),
					field("spanId", "Span Id", "The span id, when Micrometer Tracing traces the observation", true)));

	private ObservationEvent() {
	}

	/**
	 * Returns a new event, to set by the field indexes of this class.
	 */
	static Event create() {
		return FACTORY.newEvent();
	}

	private static ValueDescriptor field(String name, String label, String description, boolean contextual) {
		List<AnnotationElement> annotations = new ArrayList<>(
				List.of(new AnnotationElement(Label.class, label), new AnnotationElement(Description.class, description)));
		if (contextual && CONTEXTUAL != null) {
			annotations.add(new AnnotationElement(CONTEXTUAL));
		}
		return new ValueDescriptor(String.class, name, annotations);
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Class<? extends Annotation> contextual() {
		try {
			return (Class<? extends Annotation>) Class.forName("jdk.jfr.Contextual");
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
	}

}

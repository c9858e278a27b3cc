package io.flightrecorder.sample;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * An application's own JFR event, small and frequent, as a service records its business
 * steps: what fills a ring when the application itself is chatty.
 */
@Name("io.flightrecorder.sample.Order")
@Label("Order")
@Category("Sample")
@Description("An order the sample app handled")
@StackTrace(false)
class OrderEvent extends jdk.jfr.Event {

	@Label("Order")
	String order;

	@Label("Amount")
	long amount;

}

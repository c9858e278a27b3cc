package io.flightrecorder.events;

import jdk.jfr.Event;
import jdk.jfr.Label;

/**
 * An application's own event, named by its class: no test commits or loads it before a rule
 * names it.
 */
public class PaymentTimeout extends Event {

	@Label("Order")
	String order;

	static void commit(String order) {
		PaymentTimeout event = new PaymentTimeout();
		event.order = order;
		event.commit();
	}

}

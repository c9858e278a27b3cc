package io.flightrecorder.trigger;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;

/**
 * Describes an observation in a dump's reason.
 */
final class Observations {

	private Observations() {
	}

	/**
	 * Returns what a trigger's cooldown is kept per: the observation's name and, for a
	 * request, its URI template, else its contextual name.
	 */
	static String key(Observation.Context context) {
		KeyValue uri = context.getLowCardinalityKeyValue("uri");
		String contextualName = context.getContextualName();
		return context.getName() + " " + ((uri != null) ? uri.getValue() : (contextualName != null) ? contextualName : "");
	}

	/**
	 * Returns the observation's name, contextual name and, for a request, its URI.
	 */
	static String describe(Observation.Context context) {
		StringBuilder description = new StringBuilder(context.getName());
		String contextualName = context.getContextualName();
		if (contextualName != null) {
			description.append(" '").append(contextualName).append('\'');
		}
		KeyValue uri = context.getLowCardinalityKeyValue("uri");
		if (uri != null) {
			description.append(" uri=").append(uri.getValue());
		}
		return description.toString();
	}

}

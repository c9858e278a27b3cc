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

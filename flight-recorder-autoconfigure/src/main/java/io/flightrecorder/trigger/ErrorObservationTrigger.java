package io.flightrecorder.trigger;

import java.util.HashSet;
import java.util.Set;

import io.flightrecorder.DumpTriggers;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Fires a trigger when an observation of one of the given names ends with an error, or
 * with a 5xx {@code status} (an HTTP server request that answered with a server error),
 * after it ends.
 * <p>
 * Register it before the {@link io.flightrecorder.observation.JfrObservationHandler}, as
 * {@link SlowObservationTrigger} says.
 */
public class ErrorObservationTrigger implements ObservationHandler<Observation.Context> {

	private final Set<String> names;

	private final DumpTriggers.Trigger trigger;

	/**
	 * Creates a trigger for observations of the given names.
	 * @param names the observation names to watch
	 * @param trigger what to fire
	 */
	public ErrorObservationTrigger(Set<String> names, DumpTriggers.Trigger trigger) {
		this.names = new HashSet<>(names);
		this.trigger = trigger;
	}

	@Override
	public void onStop(Observation.Context context) {
		if (!this.names.contains(context.getName())) {
			return;
		}
		Throwable error = context.getError();
		KeyValue status = context.getLowCardinalityKeyValue("status");
		boolean serverError = status != null && status.getValue().startsWith("5");
		if (error != null || serverError) {
			this.trigger.fire(Observations.describe(context) + ((status != null) ? " status=" + status.getValue() : "")
					+ ((error != null) ? " failed: " + error : ""));
		}
	}

	/**
	 * Supports every context: an observation's name is known only from its start.
	 */
	@Override
	public boolean supportsContext(Observation.Context context) {
		return true;
	}

}

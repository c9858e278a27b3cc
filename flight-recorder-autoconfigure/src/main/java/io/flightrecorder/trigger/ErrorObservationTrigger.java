package io.flightrecorder.trigger;

import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.observation.ObservationStopListener;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;

/**
 * Fires a trigger when a watched observation ends with an error, or with a 5xx
 * {@code status} (an HTTP server request that answered with a server error), after it ends.
 * The trigger's cooldown applies per observation name and URI.
 * <p>
 * The {@link io.flightrecorder.observation.FlightRecorderObservationHandler} tells it of
 * each observation after committing the observation's event, so the dump holds it.
 */
public class ErrorObservationTrigger implements ObservationStopListener {

	private final WatchedObservations watched;

	private final DumpTriggers.Trigger trigger;

	/**
	 * Creates a trigger for the given observations.
	 * @param watched the observations to watch
	 * @param trigger what to fire, with the observation's name and URI as the key of its
	 * cooldown
	 */
	public ErrorObservationTrigger(WatchedObservations watched, DumpTriggers.Trigger trigger) {
		this.watched = watched;
		this.trigger = trigger;
	}

	@Override
	public void stopped(Observation.Context context, long nanos) {
		Throwable error = context.getError();
		KeyValue status = context.getLowCardinalityKeyValue("status");
		boolean serverError = status != null && status.getValue().startsWith("5");
		if ((error != null || serverError) && this.watched.watches(context)) {
			this.trigger.fire(Observations.key(context), Observations.describe(context) + ((status != null) ? " status=" + status.getValue() : "")
					+ ((error != null) ? " failed: " + error : ""));
		}
	}

}

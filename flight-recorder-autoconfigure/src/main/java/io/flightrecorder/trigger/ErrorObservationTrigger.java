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
 * each observation after committing the observation's event, so the dump holds it. A traced
 * observation's dump is logged as {@link SlowObservationTrigger}'s is.
 */
public class ErrorObservationTrigger implements ObservationStopListener {

	private final WatchedObservations watched;

	private final DumpTriggers.Trigger trigger;

	private final String lookupPath;

	/**
	 * Creates a trigger for the given observations.
	 * @param watched the observations to watch
	 * @param trigger what to fire, with the observation's name and URI as the key of its
	 * cooldown
	 * @param lookupPath the path of the {@code flightdumps} endpoint, such as
	 * {@code /actuator/flightdumps}, which the log line of a traced observation's dump names
	 */
	public ErrorObservationTrigger(WatchedObservations watched, DumpTriggers.Trigger trigger, String lookupPath) {
		this.watched = watched;
		this.trigger = trigger;
		this.lookupPath = lookupPath;
	}

	@Override
	public void stopped(Observation.Context context, long nanos) {
		Throwable error = context.getError();
		KeyValue status = context.getLowCardinalityKeyValue("status");
		boolean serverError = status != null && status.getValue().startsWith("5");
		if ((error != null || serverError) && this.watched.watches(context)) {
			Observations.fire(this.trigger, context, ((status != null) ? " status=" + status.getValue() : "")
					+ ((error != null) ? " failed: " + error : ""), this.lookupPath);
		}
	}

}

package io.flightrecorder.observation;

import io.micrometer.observation.Observation;

/**
 * Told by the {@link FlightRecorderObservationHandler} of each observation that stops,
 * after the observation's JFR event, if it is recorded, has been committed: a dump written
 * from here holds the event.
 * <p>
 * Called on the thread that stops the observation, so it must be quick; the dump triggers
 * hand their work to a thread of their own.
 */
@FunctionalInterface
public interface ObservationStopListener {

	/**
	 * Called when an observation stops.
	 * @param context the observation's context, with its key values and error
	 * @param nanos how long the observation lasted, in nanoseconds
	 */
	void stopped(Observation.Context context, long nanos);

}

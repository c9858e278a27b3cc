package io.flightrecorder.trigger;

import java.time.Duration;

import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.observation.ObservationStopListener;
import io.micrometer.observation.Observation;

/**
 * Fires a trigger when a watched observation lasts at least a threshold, after it ends. The
 * trigger's cooldown applies per observation name and URI.
 * <p>
 * The {@link io.flightrecorder.observation.FlightRecorderObservationHandler} tells it of
 * each observation after committing the observation's event, so the dump holds it.
 */
public class SlowObservationTrigger implements ObservationStopListener {

	private final WatchedObservations watched;

	private final long thresholdNanos;

	private final DumpTriggers.Trigger trigger;

	/**
	 * Creates a trigger for the given observations.
	 * @param watched the observations to watch
	 * @param threshold the least duration that fires
	 * @param trigger what to fire, with the observation's name and URI as the key of its
	 * cooldown
	 */
	public SlowObservationTrigger(WatchedObservations watched, Duration threshold, DumpTriggers.Trigger trigger) {
		this.watched = watched;
		this.thresholdNanos = threshold.toNanos();
		this.trigger = trigger;
	}

	@Override
	public void stopped(Observation.Context context, long nanos) {
		if (nanos >= this.thresholdNanos && this.watched.watches(context)) {
			this.trigger.fire(Observations.key(context), Observations.describe(context) + " took " + Duration.ofNanos(nanos).toMillis()
					+ " ms, threshold " + Duration.ofNanos(this.thresholdNanos).toMillis() + " ms");
		}
	}

}

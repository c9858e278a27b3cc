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
 * each observation after committing the observation's event, so the dump holds it. When
 * Micrometer Tracing traces the observation, the dump's reason names the trace, and once the
 * dump is written an INFO line, with the trace in the logging MDC, says how to find it.
 */
public class SlowObservationTrigger implements ObservationStopListener {

	private final WatchedObservations watched;

	private final long thresholdNanos;

	private final DumpTriggers.Trigger trigger;

	private final String lookupPath;

	/**
	 * Creates a trigger for the given observations.
	 * @param watched the observations to watch
	 * @param threshold the least duration that fires
	 * @param trigger what to fire, with the observation's name and URI as the key of its
	 * cooldown
	 * @param lookupPath the path of the {@code flightdumps} endpoint, such as
	 * {@code /actuator/flightdumps}, which the log line of a traced observation's dump names
	 */
	public SlowObservationTrigger(WatchedObservations watched, Duration threshold, DumpTriggers.Trigger trigger,
			String lookupPath) {
		this.watched = watched;
		this.thresholdNanos = threshold.toNanos();
		this.trigger = trigger;
		this.lookupPath = lookupPath;
	}

	@Override
	public void stopped(Observation.Context context, long nanos) {
		if (nanos >= this.thresholdNanos && this.watched.watches(context)) {
			Observations.fire(this.trigger, context, " took " + Duration.ofNanos(nanos).toMillis() + " ms, threshold "
					+ Duration.ofNanos(this.thresholdNanos).toMillis() + " ms", this.lookupPath);
		}
	}

}

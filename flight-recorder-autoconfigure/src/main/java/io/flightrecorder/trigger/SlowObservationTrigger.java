package io.flightrecorder.trigger;

import java.time.Duration;

import io.flightrecorder.dump.DumpTriggers;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Fires a trigger when a watched observation lasts at least a threshold, after it ends. The
 * trigger's cooldown applies per observation name and URI.
 * <p>
 * Register it before the {@link io.flightrecorder.observation.JfrObservationHandler}:
 * Micrometer stops handlers in reverse order, so the observation's event is then committed
 * before this fires, and the dump holds it.
 */
public class SlowObservationTrigger implements ObservationHandler<Observation.Context> {

	private static final Class<?> START = SlowObservationTrigger.class;

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
	public void onStart(Observation.Context context) {
		if (this.watched.watchesName(context)) {
			context.put(START, System.nanoTime());
		}
	}

	@Override
	public void onStop(Observation.Context context) {
		Long start = context.get(START);
		if (start == null) {
			return;
		}
		long nanos = System.nanoTime() - start;
		if (nanos >= this.thresholdNanos && this.watched.watches(context)) {
			this.trigger.fire(Observations.key(context), Observations.describe(context) + " took " + Duration.ofNanos(nanos).toMillis()
					+ " ms, threshold " + Duration.ofNanos(this.thresholdNanos).toMillis() + " ms");
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

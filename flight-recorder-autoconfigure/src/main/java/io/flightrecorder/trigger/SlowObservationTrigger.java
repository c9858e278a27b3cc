package io.flightrecorder.trigger;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import io.flightrecorder.DumpTriggers;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Fires a trigger when an observation of one of the given names lasts at least a threshold,
 * after it ends.
 * <p>
 * Register it before the {@link io.flightrecorder.observation.JfrObservationHandler}:
 * Micrometer stops handlers in reverse order, so the observation's event is then committed
 * before this fires, and the dump holds it.
 */
public class SlowObservationTrigger implements ObservationHandler<Observation.Context> {

	private static final Class<?> START = SlowObservationTrigger.class;

	private final Set<String> names;

	private final long thresholdNanos;

	private final DumpTriggers.Trigger trigger;

	/**
	 * Creates a trigger for observations of the given names.
	 * @param names the observation names to watch
	 * @param threshold the least duration that fires
	 * @param trigger what to fire
	 */
	public SlowObservationTrigger(Set<String> names, Duration threshold, DumpTriggers.Trigger trigger) {
		this.names = new HashSet<>(names);
		this.thresholdNanos = threshold.toNanos();
		this.trigger = trigger;
	}

	@Override
	public void onStart(Observation.Context context) {
		if (this.names.contains(context.getName())) {
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
		if (nanos >= this.thresholdNanos) {
			this.trigger.fire(Observations.describe(context) + " took " + Duration.ofNanos(nanos).toMillis()
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

package io.flightrecorder.metrics;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The {@link ObservationConvention} of flight recorder snapshots; declare a bean of it to
 * replace {@link DefaultSnapshotObservationConvention}.
 */
public interface SnapshotObservationConvention extends ObservationConvention<SnapshotObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof SnapshotObservationContext;
	}

}

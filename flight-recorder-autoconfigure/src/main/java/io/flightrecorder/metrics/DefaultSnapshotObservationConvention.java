package io.flightrecorder.metrics;

import io.flightrecorder.SnapshotOutcome;
import io.micrometer.common.KeyValues;

/**
 * The default {@link SnapshotObservationConvention}: named {@code flightrecorder.snapshot},
 * with the low-cardinality key {@code outcome}.
 */
public class DefaultSnapshotObservationConvention implements SnapshotObservationConvention {

	/**
	 * The shared instance.
	 */
	public static final DefaultSnapshotObservationConvention INSTANCE = new DefaultSnapshotObservationConvention();

	@Override
	public String getName() {
		return "flightrecorder.snapshot";
	}

	@Override
	public String getContextualName(SnapshotObservationContext context) {
		return "flight recorder snapshot";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(SnapshotObservationContext context) {
		SnapshotOutcome outcome = context.getOutcome();
		return KeyValues.of(FlightRecorderObservationDocumentation.LowCardinalityKeyNames.OUTCOME
			.withValue((outcome != null) ? outcome.value() : "unknown"));
	}

}

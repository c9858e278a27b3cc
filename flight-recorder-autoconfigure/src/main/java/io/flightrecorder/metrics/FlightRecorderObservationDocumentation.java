package io.flightrecorder.metrics;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of the flight recorder.
 */
public enum FlightRecorderObservationDocumentation implements ObservationDocumentation {

	/**
	 * A snapshot request, from the request to its last byte or its failure. With Spring
	 * Boot's default meter observation handler it gives the timer
	 * {@code flightrecorder.snapshot}; a tracing setup sees it as a span.
	 */
	SNAPSHOT {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultSnapshotObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

	};

	/**
	 * The low-cardinality keys of a snapshot observation.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * How the snapshot ended: {@code success}, {@code rejected}, {@code error} or
		 * {@code client-aborted}.
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "outcome";
			}

		}

	}

}

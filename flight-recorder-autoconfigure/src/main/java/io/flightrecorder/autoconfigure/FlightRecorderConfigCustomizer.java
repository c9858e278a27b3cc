package io.flightrecorder.autoconfigure;

import io.flightrecorder.FlightRecorderConfig;

/**
 * Customizes the {@link FlightRecorderConfig} of the auto-configured
 * {@link io.flightrecorder.FlightRecorder} after the {@code flight-recorder.*} properties
 * were applied to it and before the recorder is created: the way to set from code what no
 * property sets. Customizers are applied in their bean order.
 */
@FunctionalInterface
public interface FlightRecorderConfigCustomizer {

	/**
	 * Customizes the configuration.
	 * @param config the configuration being built
	 */
	void customize(FlightRecorderConfig.Builder config);

}

/**
 * Micrometer metrics of the {@link io.flightrecorder.FlightRecorder}.
 */
@NullMarked
package io.flightrecorder.metrics;

import org.jspecify.annotations.NullMarked;

/**
 * Auto-configuration of the {@link io.flightrecorder.FlightRecorder}, its lifecycle, and the
 * {@code flightrecording} endpoint.
 */
@NullMarked
package io.flightrecorder.autoconfigure;

import org.jspecify.annotations.NullMarked;

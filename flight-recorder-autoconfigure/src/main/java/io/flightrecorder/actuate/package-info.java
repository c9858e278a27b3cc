/**
 * The {@code flightrecording} actuator endpoint, which streams a snapshot of the
 * {@link io.flightrecorder.FlightRecorder} over HTTP on Spring MVC and Spring WebFlux, and the
 * {@code flightdumps} endpoint over the dumps that triggers saved.
 */
@NullMarked
package io.flightrecorder.actuate;

import org.jspecify.annotations.NullMarked;

/**
 * Triggers that write a dump of the {@link io.flightrecorder.FlightRecorder} when something
 * went wrong: slow observations, server errors, meters crossing a threshold, and the
 * application shutting down.
 */
@NullMarked
package io.flightrecorder.trigger;

import org.jspecify.annotations.NullMarked;

/**
 * A flight recorder for the JVM: an always-on, bounded ring buffer of recent JDK Flight
 * Recorder data, and snapshots of it on demand. The API mirrors Go's
 * {@code runtime/trace.FlightRecorder} and has no Spring types in it.
 */
@NullMarked
package io.flightrecorder;

import org.jspecify.annotations.NullMarked;

/**
 * A flight recorder for the JVM: an always-on, bounded ring buffer of recent JDK Flight
 * Recorder data, and snapshots of it on demand. The API mirrors Go's
 * {@code runtime/trace.FlightRecorder}: a {@link io.flightrecorder.FlightRecorder} built from
 * an immutable {@link io.flightrecorder.FlightRecorderConfig}, with {@code start},
 * {@code stop}, {@code isEnabled}, {@code writeTo} and {@code snapshot}; its boosts, status
 * and snapshot listeners are types of their own. No Spring: the module
 * {@code flight-recorder-core} runs from a plain {@code main}.
 */
@NullMarked
package io.flightrecorder;

import org.jspecify.annotations.NullMarked;

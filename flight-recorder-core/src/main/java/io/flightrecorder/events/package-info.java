/**
 * Triggers on the JVM's own events: rules on the JFR events the ring records (a long GC
 * pause, a pinned virtual thread, a blocked monitor, a long safepoint, a heap still full
 * after a collection, an allocation stall, an application's own event) read from the ring's
 * repository as JFR flushes it, and a deadlock check; each fires a dump that holds the event
 * and the seconds before it.
 */
@NullMarked
package io.flightrecorder.events;

import org.jspecify.annotations.NullMarked;

/**
 * Micrometer observations recorded as JFR events, so that a flight recording shows which
 * request or task a thread was working on, and passed on to the dump triggers that watch
 * them, all by one observation handler.
 */
@NullMarked
package io.flightrecorder.observation;

import org.jspecify.annotations.NullMarked;

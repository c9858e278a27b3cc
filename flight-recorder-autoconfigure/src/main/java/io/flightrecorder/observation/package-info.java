/**
 * Micrometer observations recorded as JFR events, so that a flight recording shows which
 * request or task a thread was working on.
 */
@NullMarked
package io.flightrecorder.observation;

import org.jspecify.annotations.NullMarked;

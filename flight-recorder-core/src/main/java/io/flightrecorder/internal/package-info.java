/**
 * Helpers that more than one of the flight recorder's packages needs: free disk space and
 * file names, process tokens, background threads, listeners. It imports none of them, so no
 * package cycle runs through it. Not an API: anything here may change or go in any
 * release.
 */
@NullMarked
package io.flightrecorder.internal;

import org.jspecify.annotations.NullMarked;

/**
 * Helpers shared by the flight recorder's packages: files and free space, process tokens,
 * background threads, listeners. Not an API: anything here may change or go in any
 * release.
 */
@NullMarked
package io.flightrecorder.internal;

import org.jspecify.annotations.NullMarked;

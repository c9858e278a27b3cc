/**
 * Saved dumps: snapshots written to a directory with a retention limit, and the triggers,
 * listeners and exceptions of writing them.
 */
@NullMarked
package io.flightrecorder.dump;

import org.jspecify.annotations.NullMarked;


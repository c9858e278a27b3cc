/**
 * Saved dumps kept off the box: {@link io.flightrecorder.storage.DumpUploads} copies every
 * saved dump to a {@link io.flightrecorder.storage.DumpStorage}, where the dumps of every
 * instance of an application can be listed and read. No type of a storage library is in
 * this package's API.
 */
@NullMarked
package io.flightrecorder.storage;

import org.jspecify.annotations.NullMarked;

package io.flightrecorder.storage;

import java.util.List;

import io.flightrecorder.dump.TracedObservation;

/**
 * A stored dump that holds observations of a trace.
 *
 * @param application the application that wrote it
 * @param instance the instance that wrote it
 * @param name its name
 * @param location where it is, such as {@code s3://bucket/key}
 * @param size its size in bytes
 * @param observations the trace's observations it holds, in the order recorded
 */
public record StoredTraceMatch(String application, String instance, String name, String location, long size,
		List<TracedObservation> observations) {

}

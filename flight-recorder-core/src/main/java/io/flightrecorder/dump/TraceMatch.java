package io.flightrecorder.dump;

import java.util.List;

/**
 * A saved dump that holds observations of a trace.
 *
 * @param dump the dump
 * @param observations the trace's observations it holds, in the order recorded
 */
public record TraceMatch(SavedDump dump, List<TracedObservation> observations) {

}

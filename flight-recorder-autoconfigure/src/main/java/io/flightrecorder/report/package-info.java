/**
 * A report of a {@code .jfr} recording as one self-contained HTML page: JDK Mission
 * Control's automated analysis, flame graphs of CPU, allocation, locks and wall-clock time,
 * the slowest observations each with a flame graph of its own thread, and GC pauses and CPU
 * load over time. Built with JMC's rules library and async-profiler's converter; no Spring
 * types in its API.
 */
@NullMarked
package io.flightrecorder.report;

import org.jspecify.annotations.NullMarked;

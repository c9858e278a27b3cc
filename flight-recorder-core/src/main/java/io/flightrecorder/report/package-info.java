/**
 * A report of a {@code .jfr} recording as one self-contained HTML page: JDK Mission
 * Control's automated analysis, flame graphs of CPU, allocation, locks and wall-clock time,
 * the slowest observations each with a flame graph of its own thread, and GC pauses and CPU
 * load over time. Built with JMC's rules library and async-profiler's converter; no Spring
 * types in its API. A report never risks the application's heap: it is built in the
 * application's JVM only when it fits a share of the free heap, else in a JVM of its own
 * ({@link io.flightrecorder.report.RecordingReport}); {@link io.flightrecorder.report.ReportCommand}
 * builds the same page offline, from the command line.
 */
@NullMarked
package io.flightrecorder.report;

import org.jspecify.annotations.NullMarked;

package io.flightrecorder.dump;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An observation of a trace that a recording holds, as its {@code io.flightrecorder.Observation}
 * event says.
 *
 * @param traceId the trace's ID, as recorded
 * @param spanId the span's ID, or {@code null} if not recorded
 * @param name the observation's name, such as {@code http.server.requests}
 * @param method the HTTP method, or {@code null}
 * @param uri the URI template, or {@code null}
 * @param start when it started
 * @param duration how long it lasted
 */
public record TracedObservation(String traceId, @Nullable String spanId, String name, @Nullable String method,
		@Nullable String uri, Instant start, Duration duration) {

}

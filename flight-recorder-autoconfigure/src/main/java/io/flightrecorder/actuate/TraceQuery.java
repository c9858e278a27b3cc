package io.flightrecorder.actuate;

import io.flightrecorder.dump.TraceId;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code traceId} query parameter of an operation: the trace, or the 400 that says what
 * was wrong with it.
 *
 * @param id the trace, or {@code null} when none was given or it is malformed
 * @param malformed the answer to a malformed one, or {@code null}
 */
record TraceQuery(@Nullable TraceId id, @Nullable WebEndpointResponse<Object> malformed) {

	static TraceQuery of(@Nullable String traceId) {
		try {
			return new TraceQuery((traceId != null) ? TraceId.parse(traceId) : null, null);
		}
		catch (IllegalArgumentException ex) {
			return new TraceQuery(null,
					FlightRecordingEndpoint.message(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getMessage()));
		}
	}

}

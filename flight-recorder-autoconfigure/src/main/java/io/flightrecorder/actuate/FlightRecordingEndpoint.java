package io.flightrecorder.actuate;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import io.flightrecorder.Boost;
import io.flightrecorder.BoostActiveException;
import io.flightrecorder.FlightRecorder;
import io.flightrecorder.InsufficientSpaceException;
import io.flightrecorder.SnapshotActiveException;
import io.flightrecorder.SnapshotRedactionException;
import io.flightrecorder.internal.FileNames;
import io.flightrecorder.dump.TraceId;
import io.flightrecorder.report.ReportSubject;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.MimeTypeUtils;

/**
 * {@link WebEndpoint @WebEndpoint} that serves a snapshot of the {@link FlightRecorder} as a
 * {@code .jfr} file: 200 with the snapshot, streamed; 409 at once while another snapshot is
 * being written; 503 when the recorder is not running; 507 when the snapshot would not fit
 * on disk; 403 when the snapshot would hold redacted events that this JDK cannot remove.
 * Its {@code report} page shows a fresh snapshot as HTML.
 */
@WebEndpoint(id = "flightrecording", defaultAccess = Access.READ_ONLY)
public class FlightRecordingEndpoint {

	static final int STATUS_FORBIDDEN = 403;

	static final int STATUS_CONFLICT = 409;

	static final int STATUS_INSUFFICIENT_STORAGE = 507;

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final FlightRecorder recorder;

	private final String applicationName;

	private final FlightRecordingReports reports;

	private final FlightRecordingBoosts boosts;

	private final Clock clock;

	/**
	 * Creates an endpoint that serves snapshots named after the given application.
	 * @param recorder the recorder to snapshot
	 * @param applicationName the first part of the file names
	 * @param reports the report pages
	 * @param boosts the settings a boost can ask for
	 */
	public FlightRecordingEndpoint(FlightRecorder recorder, String applicationName, FlightRecordingReports reports,
			FlightRecordingBoosts boosts) {
		this(recorder, applicationName, reports, boosts, Clock.systemUTC());
	}

	FlightRecordingEndpoint(FlightRecorder recorder, String applicationName, FlightRecordingReports reports,
			FlightRecordingBoosts boosts, Clock clock) {
		this.recorder = recorder;
		this.applicationName = FileNames.safeName(applicationName);
		this.reports = reports;
		this.boosts = boosts;
		this.clock = clock;
	}

	/**
	 * Takes a snapshot. The response owns it and closes it when written.
	 * @return the snapshot, or a short message with the status that says why there is none
	 */
	@ReadOperation(produces = "application/octet-stream")
	public WebEndpointResponse<Object> flightRecording() {
		try {
			return new WebEndpointResponse<>(new FlightRecording(this.recorder.snapshot(), fileName()));
		}
		catch (IOException | RuntimeException ex) {
			return failure(ex);
		}
	}

	/**
	 * Serves the report of a fresh snapshot as an HTML page. The snapshot is written to a
	 * file and released before the analysis starts, so other snapshots are not held back;
	 * the file is deleted when the page is built. Its download link takes a new snapshot.
	 * @param page {@code report}; any other name is 404
	 * @param traceId the trace whose observations the page opens at, or {@code null}; a trace
	 * the ring no longer holds (or never held) is said so at the top of the page
	 * @return the page, or a short message with the status that says why there is none:
	 * 400 for a malformed trace ID, 409 while another report is being built, else as for
	 * {@link #flightRecording()}
	 */
	@ReadOperation(produces = "text/html")
	public WebEndpointResponse<Object> report(@Selector String page, @Nullable String traceId) {
		TraceQuery trace = TraceQuery.of(traceId);
		if (trace.malformed() != null) {
			return trace.malformed();
		}
		TraceId id = trace.id();
		ReportSubject subject = new ReportSubject(this.applicationName, this.reports.instance(), fileName(),
				this.reports.snapshotLink(), null, null, this.recorder.status().settings(), id);
		try {
			return this.reports.respond(page,
					() -> new FlightRecordingReports.Recording(this.recorder.snapshotFile(), true), subject);
		}
		catch (IOException | RuntimeException ex) {
			return failure(ex);
		}
	}

	/**
	 * Switches the running ring to other settings for a bounded time, after which it goes
	 * back to its own by itself (see {@link io.flightrecorder.Boosts}). A write operation: the
	 * endpoint's default {@code read-only} access refuses it.
	 * @param settings the name of the settings: {@code default}, {@code profile}, or a
	 * preset of {@code flight-recorder.boost.presets}
	 * @param duration how long, such as {@code 2m} or {@code PT2M}; at most, and by default,
	 * the longest boost
	 * @return 200 with the boost; 400 for settings of no such name or a duration that does
	 * not parse or is not positive; 409 while another boost is in force; 503 when the recorder
	 * is not running
	 */
	@WriteOperation
	public WebEndpointResponse<Object> boost(String settings, @Nullable String duration) {
		Map<String, String> boosted = this.boosts.settings(settings);
		if (boosted == null) {
			return message(WebEndpointResponse.STATUS_BAD_REQUEST,
					"No boost settings named '" + settings + "'; known: " + String.join(", ", this.boosts.names()));
		}
		try {
			Boost boost = this.recorder.boosts().start(settings, boosted, this.boosts.duration(duration));
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("settings", boost.name());
			body.put("until", boost.until().toString());
			return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK, MimeTypeUtils.APPLICATION_JSON);
		}
		catch (BoostActiveException ex) {
			return message(STATUS_CONFLICT, ex.getMessage());
		}
		catch (IllegalStateException ex) {
			return message(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, ex.getMessage());
		}
		catch (IllegalArgumentException ex) {
			return message(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getMessage());
		}
	}

	/**
	 * Ends the boost in force now. A write operation, as {@link #boost}.
	 * @return 204 when a boost was ended, 404 when none was in force
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> endBoost() {
		return this.recorder.boosts().end() ? new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT)
				: message(WebEndpointResponse.STATUS_NOT_FOUND, "No boost is in force");
	}

	/**
	 * Answers for a snapshot that could not be taken or read, with the status that says
	 * why.
	 */
	static WebEndpointResponse<Object> failure(Exception ex) {
		if (ex instanceof SnapshotActiveException) {
			return message(STATUS_CONFLICT, ex.getMessage());
		}
		if (ex instanceof InsufficientSpaceException) {
			return message(STATUS_INSUFFICIENT_STORAGE, ex.getMessage());
		}
		if (ex instanceof SnapshotRedactionException) {
			return message(STATUS_FORBIDDEN, ex.getMessage());
		}
		if (ex instanceof IllegalStateException) {
			return message(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, ex.getMessage());
		}
		if (ex instanceof IOException) {
			return message(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR,
					"The flight recording could not be written: " + ex.getMessage());
		}
		throw (RuntimeException) ex;
	}

	/**
	 * Answers a {@code HEAD} request as a {@code GET} would be answered, without taking a
	 * snapshot: link checkers and monitors send it, and it must neither cost a snapshot nor
	 * hold one open. The length is left out: only a snapshot knows it.
	 * @return the status (200, or 503 when the recorder is not running) and the headers
	 */
	Head head() {
		HttpHeaders headers = new HttpHeaders();
		if (!this.recorder.isEnabled()) {
			headers.setContentType(MediaType.APPLICATION_JSON);
			return new Head(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, headers);
		}
		headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
		headers.setContentDisposition(ContentDisposition.attachment().filename(fileName()).build());
		return new Head(WebEndpointResponse.STATUS_OK, headers);
	}

	private String fileName() {
		return this.applicationName + "-" + TIMESTAMP.format(this.clock.instant()) + ".jfr";
	}

	/**
	 * The answer to a {@code HEAD} request.
	 *
	 * @param status the status
	 * @param headers the headers
	 */
	record Head(int status, HttpHeaders headers) {

	}

	static WebEndpointResponse<Object> message(int status, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status);
		body.put("message", message);
		return new WebEndpointResponse<>(body, status, MimeTypeUtils.APPLICATION_JSON);
	}

}

package io.flightrecorder.actuate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import io.flightrecorder.report.RecordingReport;
import io.flightrecorder.report.ReportActiveException;
import io.flightrecorder.report.ReportRefusedException;
import io.flightrecorder.report.ReportSubject;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.util.MimeType;

/**
 * Serves the report pages of the two endpoints: one report at a time (409 otherwise),
 * taken before the recording is fetched, so that a refused report costs no snapshot; a
 * report that would not fit the heap it may use, or took longer than its time limit, is 503
 * with the reason, its figures and what works instead. The snapshot fetched for a report is
 * deleted whatever the outcome.
 */
public class FlightRecordingReports {

	/**
	 * The last path segment of a report page.
	 */
	static final String PAGE = "report";

	/**
	 * What works when a report is refused, after the reason the core gives.
	 */
	static final String WAYS_OUT = "What works instead: a smaller ring (flight-recorder.size); reports built in a "
			+ "process of their own (flight-recorder.report.build=out-of-process, "
			+ "flight-recorder.report.max-process-heap, flight-recorder.report.timeout); or the recording "
			+ "downloaded and its page built offline with 'java -jar flight-recorder-report.jar RECORDING.jfr' "
			+ "(docs/report.md)";

	private static final MimeType TEXT_HTML = new MimeType("text", "html", StandardCharsets.UTF_8);

	private final @Nullable RecordingReport report;

	private final Supplier<String> instance;

	private final String snapshotPath;

	/**
	 * Creates the report pages.
	 * @param report the report builder, or {@code null} when JMC's rules library or
	 * async-profiler's converter is not on the class path: every report page then answers
	 * 404 and says so
	 * @param instance the process's name in the reports' headers, see
	 * {@link ReportSubject#localInstance()}; asked for at each report
	 * @param snapshotPath the path segment of the {@code flightrecording} endpoint, as
	 * mapped ({@code flightrecording} unless {@code management.endpoints.web.path-mapping}
	 * says otherwise), for the download link of a fresh snapshot's page
	 */
	public FlightRecordingReports(@Nullable RecordingReport report, Supplier<String> instance, String snapshotPath) {
		this.report = report;
		this.instance = instance;
		this.snapshotPath = snapshotPath;
	}

	String instance() {
		return this.instance.get();
	}

	/**
	 * Returns the download link of a fresh snapshot, relative to its report page.
	 */
	String snapshotLink() {
		return "../" + this.snapshotPath;
	}

	/**
	 * Answers a request for a page: a report of the recording the source gives, or 404
	 * when the page is not {@value #PAGE} or reports are not available.
	 * @param page the page's name, as requested
	 * @param source fetches the recording, once the report may be built
	 * @param subject what the report's header says
	 * @return the page, or a message with the status that says why there is none
	 * @throws IOException if the recording cannot be fetched, read or reported
	 */
	WebEndpointResponse<Object> respond(String page, RecordingSource source, ReportSubject subject)
			throws IOException {
		if (!PAGE.equals(page)) {
			return FlightRecordingEndpoint.message(WebEndpointResponse.STATUS_NOT_FOUND,
					"No page named '" + page + "'; the report is at '" + PAGE + "'");
		}
		RecordingReport builder = this.report;
		if (builder == null) {
			return FlightRecordingEndpoint.message(WebEndpointResponse.STATUS_NOT_FOUND,
					"Reports need org.openjdk.jmc:flightrecorder.rules.jdk and tools.profiler:jfr-converter "
							+ "on the class path");
		}
		try (RecordingReport.Permit permit = builder.start()) {
			Recording recording = source.fetch();
			if (recording == null) {
				return FlightRecordingEndpoint.message(WebEndpointResponse.STATUS_NOT_FOUND,
						"No recording for this report");
			}
			try (recording) {
				ByteArrayOutputStream html = new ByteArrayOutputStream();
				permit.write(recording.file(), subject, html);
				return new WebEndpointResponse<>(html.toString(StandardCharsets.UTF_8), WebEndpointResponse.STATUS_OK,
						TEXT_HTML);
			}
		}
		catch (ReportActiveException ex) {
			return FlightRecordingEndpoint.message(FlightRecordingEndpoint.STATUS_CONFLICT, ex.getMessage());
		}
		catch (ReportRefusedException ex) {
			return FlightRecordingEndpoint.message(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE,
					ex.getMessage() + ". " + WAYS_OUT);
		}
	}

	/**
	 * Fetches the recording to report on.
	 */
	@FunctionalInterface
	interface RecordingSource {

		/**
		 * Returns the recording, or {@code null} if there is none.
		 */
		@Nullable Recording fetch() throws IOException;

	}

	/**
	 * A recording file, and what to do with it when the report is written.
	 *
	 * @param file the file
	 * @param temporary whether to delete it then
	 */
	record Recording(Path file, boolean temporary) implements AutoCloseable {

		@Override
		public void close() throws IOException {
			if (this.temporary) {
				Files.deleteIfExists(this.file);
			}
		}

	}

}

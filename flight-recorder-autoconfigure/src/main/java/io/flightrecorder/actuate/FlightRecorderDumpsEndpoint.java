package io.flightrecorder.actuate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.report.ReportSubject;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * {@link WebEndpoint @WebEndpoint} over the {@link SavedDumps} that triggers wrote: lists
 * them, serves one as a {@code .jfr} file or as an HTML report, deletes one. A name that is
 * not that of a saved dump, paths included, gets 404 and never reaches a file outside the
 * dumps directory.
 */
@WebEndpoint(id = "flightdumps", defaultAccess = Access.READ_ONLY)
public class FlightRecorderDumpsEndpoint {

	private final SavedDumps dumps;

	private final String applicationName;

	private final FlightRecordingReports reports;

	/**
	 * Creates an endpoint over the given dumps.
	 * @param dumps the saved dumps
	 * @param applicationName the application's name, for the reports' headers
	 * @param reports the report pages
	 */
	public FlightRecorderDumpsEndpoint(SavedDumps dumps, String applicationName, FlightRecordingReports reports) {
		this.dumps = dumps;
		this.applicationName = applicationName;
		this.reports = reports;
	}

	/**
	 * Lists the saved dumps, newest first.
	 * @return the directory and its dumps
	 * @throws IOException if the directory cannot be read
	 */
	@ReadOperation
	public SavedDumpsDescriptor dumps() throws IOException {
		return new SavedDumpsDescriptor(this.dumps.directory().toString(), this.dumps.list());
	}

	/**
	 * Serves a saved dump. The response owns the open file and closes it when written.
	 * @param name the dump's name, as listed
	 * @return the dump, or 404 with a message
	 */
	@ReadOperation(produces = "application/octet-stream")
	public WebEndpointResponse<Object> dump(@Selector String name) {
		Optional<Path> file = this.dumps.file(name);
		if (file.isEmpty()) {
			return notFound(name);
		}
		try {
			return new WebEndpointResponse<>(FlightRecording.open(file.get()));
		}
		catch (IOException ex) {
			return notFound(name);
		}
	}

	/**
	 * Serves the report of a saved dump as an HTML page.
	 * @param name the dump's name, as listed
	 * @param page {@code report}; any other name is 404
	 * @return the page; 404 with a message when there is no such dump, 409 while another
	 * report is being built
	 * @throws IOException if the dump cannot be read or reported
	 */
	@ReadOperation(produces = "text/html")
	public WebEndpointResponse<Object> report(@Selector String name, @Selector String page) throws IOException {
		Optional<SavedDump> dump = this.dumps.find(name);
		if (dump.isEmpty()) {
			return notFound(name);
		}
		ReportSubject subject = new ReportSubject(this.applicationName, this.reports.instance(), name, "../" + name,
				dump.get().trigger(), dump.get().reason(), dump.get().settings());
		return this.reports.respond(page,
				() -> this.dumps.file(name).map((file) -> new FlightRecordingReports.Recording(file, false)).orElse(null),
				subject);
	}

	/**
	 * Deletes a saved dump.
	 * @param name the dump's name, as listed
	 * @return 204 when deleted, 404 with a message when there is no such dump
	 * @throws IOException if the dump exists but cannot be deleted
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> delete(@Selector String name) throws IOException {
		return this.dumps.delete(name) ? new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT)
				: notFound(name);
	}

	private static WebEndpointResponse<Object> notFound(String name) {
		return FlightRecordingEndpoint.message(WebEndpointResponse.STATUS_NOT_FOUND, "No saved dump named '" + name + "'");
	}

	/**
	 * The saved dumps, as listed.
	 *
	 * @param directory where they are
	 * @param dumps the dumps, newest first
	 */
	public record SavedDumpsDescriptor(String directory, List<SavedDump> dumps) {

	}

}

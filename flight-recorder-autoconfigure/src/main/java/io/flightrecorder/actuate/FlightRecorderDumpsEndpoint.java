package io.flightrecorder.actuate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.report.ReportSubject;
import io.flightrecorder.storage.DumpStorage;
import io.flightrecorder.storage.StoredDump;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.util.MimeType;

/**
 * {@link WebEndpoint @WebEndpoint} over the {@link SavedDumps} that triggers wrote: lists
 * them, serves one as a {@code .jfr} file or as an HTML report, deletes one. A name that is
 * not that of a saved dump, paths included, gets 404 and never reaches a file outside the
 * dumps directory.
 * <p>
 * When saved dumps are uploaded to a {@link DumpStorage}, it also lists the dumps of every
 * instance of the application there ({@code ?scope=fleet}) and serves one
 * ({@code fleet/<instance>/<name>}) or its report ({@code fleet/<instance>/<name>/report}),
 * so that any live instance serves the dump of one that is gone. An instance or name that is not that of a stored dump of this application gets
 * 404 and is never read.
 */
@WebEndpoint(id = "flightdumps", defaultAccess = Access.READ_ONLY)
public class FlightRecorderDumpsEndpoint {

	private static final String FLEET = "fleet";

	private static final MimeType OCTET_STREAM = MimeType.valueOf("application/octet-stream");

	private final SavedDumps dumps;

	private final @Nullable DumpStorage storage;

	private final String applicationName;

	private final FlightRecordingReports reports;

	/**
	 * Creates an endpoint over the given dumps.
	 * @param dumps the saved dumps
	 * @param applicationName the application's name, for the reports' headers
	 * @param reports the report pages
	 * @param storage where saved dumps are uploaded, or {@code null} if they are not
	 */
	public FlightRecorderDumpsEndpoint(SavedDumps dumps, String applicationName, FlightRecordingReports reports,
			@Nullable DumpStorage storage) {
		this.dumps = dumps;
		this.storage = storage;
		this.applicationName = applicationName;
		this.reports = reports;
	}

	/**
	 * Lists the saved dumps of this instance, or those of every instance in the storage,
	 * newest first.
	 * @param scope {@code local} (the default) or {@code fleet}
	 * @return the directory and its dumps, or the storage and its dumps; 404 for the fleet
	 * when dumps are not uploaded, 400 for another scope, 503 when the storage cannot be
	 * read
	 * @throws IOException if the directory cannot be read
	 */
	@ReadOperation
	public WebEndpointResponse<Object> dumps(@Nullable String scope) throws IOException {
		if (scope == null || scope.equals("local")) {
			return new WebEndpointResponse<>(
					new SavedDumpsDescriptor(this.dumps.directory().toString(), this.dumps.list()));
		}
		if (!scope.equals(FLEET)) {
			return FlightRecordingEndpoint.message(WebEndpointResponse.STATUS_BAD_REQUEST,
					"Unknown scope '" + scope + "'; known: local, fleet");
		}
		DumpStorage fleet = this.storage;
		if (fleet == null) {
			return noStorage();
		}
		try {
			return new WebEndpointResponse<>(new StoredDumpsDescriptor(fleet.location(), fleet.list()));
		}
		catch (RuntimeException ex) {
			return unavailable(fleet, ex);
		}
	}

	/**
	 * Serves what a path below the endpoint names: a saved dump ({@code <name>}), its
	 * report ({@code <name>/report}), a dump of any instance from the storage
	 * ({@code fleet/<instance>/<name>}) or that dump's report
	 * ({@code fleet/<instance>/<name>/report}).
	 * <p>
	 * One operation for the four, on purpose: Spring MVC and WebFlux try every actuator
	 * operation that reads against every request of the application, the application's own
	 * included, before they find its controller, so each operation fewer is a little less
	 * work on every request.
	 * @param path the path's segments
	 * @return the dump or the page; 404 with a message when there is no such dump, page, or
	 * storage, 409 while another report is being built, 503 when the storage cannot be read
	 * @throws IOException if a report cannot be built
	 */
	@ReadOperation(produces = { "application/octet-stream", "text/html" })
	public WebEndpointResponse<Object> dumpOrReport(@Selector(match = Match.ALL_REMAINING) String... path)
			throws IOException {
		return switch (path.length) {
			case 1 -> dump(path[0]);
			case 2 -> report(path[0], path[1]);
			case 3, 4 -> stored(path);
			default -> notFound(String.join("/", path));
		};
	}

	private WebEndpointResponse<Object> stored(String[] path) throws IOException {
		DumpStorage stored = this.storage;
		if (stored == null) {
			return noStorage();
		}
		if (!FLEET.equals(path[0])) {
			return notFound(String.join("/", path));
		}
		return (path.length == 3) ? storedDump(stored, path[1], path[2])
				: storedReport(stored, path[1], path[2], path[3]);
	}

	/**
	 * Serves a dump of any instance from the storage, streamed.
	 */
	private static WebEndpointResponse<Object> storedDump(DumpStorage stored, String instance, String name) {
		try {
			return stored.open(instance, name)
				.map((download) -> recording(FlightRecording.of(download.stream(), download.size(), name)))
				.orElseGet(() -> FlightRecordingEndpoint.message(WebEndpointResponse.STATUS_NOT_FOUND,
						"No dump named '" + name + "' of instance '" + instance + "' among this application's stored "
								+ "dumps (this instance's go to " + stored.location() + ")"));
		}
		catch (RuntimeException ex) {
			return unavailable(stored, ex);
		}
	}

	/**
	 * Serves a saved dump. The response owns the open file and closes it when written.
	 */
	private WebEndpointResponse<Object> dump(String name) {
		Optional<Path> file = this.dumps.file(name);
		if (file.isEmpty()) {
			return notFound(name);
		}
		try {
			return recording(FlightRecording.open(file.get()));
		}
		catch (NoSuchFileException ex) {
			return notFound(name);
		}
		catch (IOException ex) {
			return FlightRecordingEndpoint.message(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR,
					"The saved dump '" + name + "' could not be opened: " + ex);
		}
	}

	/**
	 * Serves the report of a dump of any instance from the storage, as an HTML page. The dump
	 * is copied to a temporary file in the dumps directory for the report, and deleted after.
	 */
	private WebEndpointResponse<Object> storedReport(DumpStorage stored, String instance, String name, String page)
			throws IOException {
		ReportSubject subject = new ReportSubject(this.applicationName, instance, name, "../" + name, null, null,
				null);
		try {
			return this.reports.respond(page, () -> {
				Optional<DumpStorage.Download> download = stored.open(instance, name);
				if (download.isEmpty()) {
					return null;
				}
				try (InputStream in = download.get().stream()) {
					return new FlightRecordingReports.Recording(
							this.dumps.temporaryCopy(name, in, download.get().size()), true);
				}
			}, subject);
		}
		catch (RuntimeException ex) {
			return unavailable(stored, ex);
		}
	}

	/**
	 * Serves the report of a saved dump as an HTML page.
	 */
	private WebEndpointResponse<Object> report(String name, String page) throws IOException {
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

	/**
	 * The operation produces a page too, so the type of a dump is said, not negotiated.
	 */
	private static WebEndpointResponse<Object> recording(FlightRecording recording) {
		return new WebEndpointResponse<>(recording, WebEndpointResponse.STATUS_OK, OCTET_STREAM);
	}

	private static WebEndpointResponse<Object> noStorage() {
		return FlightRecordingEndpoint.message(WebEndpointResponse.STATUS_NOT_FOUND,
				"Saved dumps are not uploaded: set flight-recorder.storage.bucket");
	}

	private static WebEndpointResponse<Object> unavailable(DumpStorage storage, RuntimeException failure) {
		return FlightRecordingEndpoint.message(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE,
				"Could not read " + storage.location() + ": " + failure.getMessage());
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

	/**
	 * The dumps of every instance in the storage, as listed.
	 *
	 * @param location where this instance's dumps go
	 * @param dumps the dumps of every instance, newest first
	 */
	public record StoredDumpsDescriptor(String location, List<StoredDump> dumps) {

	}

}

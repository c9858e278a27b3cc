package io.flightrecorder.actuate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.dump.TraceId;
import io.flightrecorder.dump.TracedObservation;
import io.flightrecorder.internal.FileNames;
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
 * so that any live instance serves the dump of one that is gone; and those of the other
 * applications it may search ({@code fleet/<application>/<instance>/<name>}, and its
 * {@code /report}). An application, instance or name that is not that of a stored dump it may
 * read gets 404 and is never read.
 * <p>
 * With {@code ?traceId=}, it lists the dumps that hold observations of that trace instead,
 * each with those observations, from the dumps' indexes of trace IDs: locally, or in the
 * storage with {@code scope=fleet} (and the other applications' dumps with
 * {@code applications=all}). A report with {@code ?traceId=} opens at that trace's
 * observations.
 */
@WebEndpoint(id = "flightdumps", defaultAccess = Access.READ_ONLY)
public class FlightRecorderDumpsEndpoint {

	private static final String FLEET = "fleet";

	private static final MimeType OCTET_STREAM = MimeType.valueOf("application/octet-stream");

	private final SavedDumps dumps;

	private final @Nullable DumpStorage storage;

	private final String applicationName;

	/**
	 * The application's name as the storage's keys have it.
	 */
	private final String storageApplication;

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
		this.storageApplication = FileNames.safeName(applicationName);
		this.reports = reports;
	}

	/**
	 * Lists the saved dumps of this instance, or those of every instance in the storage,
	 * newest first; or, given a trace ID, those that hold observations of that trace.
	 * @param scope {@code local} (the default) or {@code fleet}
	 * @param traceId a trace ID (32 or 16 hexadecimal digits) to find the dumps of, or
	 * {@code null} to list them all
	 * @param applications {@code all} to find a trace in the fleet's dumps of the other
	 * applications this one may search too, or {@code null} for this application's only
	 * @return the directory and its dumps, the storage and its dumps, or the trace and the
	 * dumps that hold it (200 with none when no dump does); 404 for the fleet when dumps are
	 * not uploaded, 400 for another scope, a malformed trace ID, or applications without a
	 * fleet trace lookup, 503 when the storage cannot be read
	 * @throws IOException if the directory cannot be read
	 */
	@ReadOperation
	public WebEndpointResponse<Object> dumps(@Nullable String scope, @Nullable String traceId,
			@Nullable String applications) throws IOException {
		boolean fleet = FLEET.equals(scope);
		if (scope != null && !fleet && !scope.equals("local")) {
			return FlightRecordingEndpoint.message(WebEndpointResponse.STATUS_BAD_REQUEST,
					"Unknown scope '" + scope + "'; known: local, fleet");
		}
		if (applications != null && (!fleet || traceId == null || !applications.equals("all"))) {
			return FlightRecordingEndpoint.message(WebEndpointResponse.STATUS_BAD_REQUEST,
					"applications=all is the one value of applications, and goes with a trace lookup in the fleet: "
							+ "?scope=fleet&traceId=<trace ID>&applications=all");
		}
		TraceQuery trace = TraceQuery.of(traceId);
		if (trace.malformed() != null) {
			return trace.malformed();
		}
		TraceId id = trace.id();
		if (!fleet) {
			return new WebEndpointResponse<>((id != null) ? localTrace(id)
					: new SavedDumpsDescriptor(this.dumps.directory().toString(), this.dumps.list()));
		}
		DumpStorage stored = this.storage;
		if (stored == null) {
			return noStorage();
		}
		try {
			return new WebEndpointResponse<>((id != null) ? fleetTrace(stored, id, applications != null)
					: new StoredDumpsDescriptor(stored.location(), stored.list()));
		}
		catch (RuntimeException ex) {
			return unavailable(stored, ex);
		}
	}

	private TraceDescriptor localTrace(TraceId id) throws IOException {
		String instance = this.reports.instance();
		List<TracedDumpDescriptor> found = this.dumps.findTrace(id)
			.stream()
			.map((match) -> new TracedDumpDescriptor(this.applicationName, instance, match.dump().name(),
					this.dumps.directory().resolve(match.dump().name()).toString(), match.dump().size(),
					match.dump().name(), reportLink(match.dump().name(), id), match.observations()))
			.toList();
		return new TraceDescriptor(id.toString(), "local", found);
	}

	private TraceDescriptor fleetTrace(DumpStorage stored, TraceId id, boolean otherApplications) {
		List<TracedDumpDescriptor> found = stored.findTrace(id, otherApplications, this.dumps::indexCopy)
			.stream()
			.map((match) -> {
				String download = String.join("/", FLEET, match.application(), match.instance(), match.name());
				return new TracedDumpDescriptor(match.application(), match.instance(), match.name(), match.location(),
						match.size(), download, reportLink(download, id), match.observations());
			})
			.toList();
		return new TraceDescriptor(id.toString(), FLEET, found);
	}

	private static String reportLink(String dump, TraceId id) {
		return dump + "/" + FlightRecordingReports.PAGE + "?traceId=" + id;
	}

	/**
	 * Serves what a path below the endpoint names: a saved dump ({@code <name>}), its
	 * report ({@code <name>/report}), a dump of any instance from the storage
	 * ({@code fleet/<instance>/<name>}) or that dump's report
	 * ({@code fleet/<instance>/<name>/report}).
	 * <p>
	 * The fleet's paths may name the application before the instance
	 * ({@code fleet/<application>/<instance>/<name>}); without it, they are this application's.
	 * <p>
	 * One operation for them all, on purpose: Spring MVC and WebFlux try every actuator
	 * operation that reads against every request of the application, the application's own
	 * included, before they find its controller, so each operation fewer is a little less
	 * work on every request.
	 * @param path the path's segments
	 * @param traceId for a report, the trace whose observations it opens at, or {@code null}
	 * @return the dump or the page; 404 with a message when there is no such dump, page, or
	 * storage, 400 for a malformed trace ID, 409 while another report is being built, 503
	 * when the storage cannot be read
	 * @throws IOException if a report cannot be built
	 */
	@ReadOperation(produces = { "application/octet-stream", "text/html" })
	public WebEndpointResponse<Object> dumpOrReport(@Selector(match = Match.ALL_REMAINING) String[] path,
			@Nullable String traceId) throws IOException {
		TraceQuery trace = TraceQuery.of(traceId);
		if (trace.malformed() != null) {
			return trace.malformed();
		}
		TraceId id = trace.id();
		if (path.length > 2 && FLEET.equals(path[0])) {
			return stored(path, id);
		}
		return switch (path.length) {
			case 1 -> dump(path[0]);
			case 2 -> report(path[0], path[1], id);
			default -> notFound(String.join("/", path));
		};
	}

	/**
	 * Serves a path below {@code fleet/}: {@code <instance>/<name>[/report]} of this
	 * application, {@code <application>/<instance>/<name>[/report]} of any; a dump's name
	 * ends with {@code .jfr}, which tells the two apart.
	 */
	private WebEndpointResponse<Object> stored(String[] path, @Nullable TraceId id) throws IOException {
		DumpStorage stored = this.storage;
		if (stored == null) {
			return noStorage();
		}
		boolean named = path[path.length - 1].endsWith(".jfr") ? path.length == 4 : path.length == 5;
		String application = named ? path[1] : this.storageApplication;
		int instance = named ? 2 : 1;
		if (path.length == instance + 2) {
			return storedDump(stored, application, path[instance], path[instance + 1]);
		}
		if (path.length == instance + 3) {
			return storedReport(stored, application, path[instance], path[instance + 1], path[instance + 2], id);
		}
		return notFound(String.join("/", path));
	}

	/**
	 * Serves a dump of any instance from the storage, streamed.
	 */
	private static WebEndpointResponse<Object> storedDump(DumpStorage stored, String application, String instance,
			String name) {
		try {
			return stored.open(application, instance, name)
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
	private WebEndpointResponse<Object> storedReport(DumpStorage stored, String application, String instance,
			String name, String page, @Nullable TraceId id) throws IOException {
		ReportSubject subject = new ReportSubject(application, instance, name, "../" + name, null, null, null, id);
		try {
			return this.reports.respond(page, () -> {
				Optional<DumpStorage.Download> download = stored.open(application, instance, name);
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
	private WebEndpointResponse<Object> report(String name, String page, @Nullable TraceId id) throws IOException {
		Optional<SavedDump> dump = this.dumps.find(name);
		if (dump.isEmpty()) {
			return notFound(name);
		}
		ReportSubject subject = new ReportSubject(this.applicationName, this.reports.instance(), name, "../" + name,
				dump.get().trigger(), dump.get().reason(), dump.get().settings(), id);
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
	 * The dumps that hold observations of a trace.
	 *
	 * @param traceId the trace, as given, in lower case
	 * @param scope {@code local} or {@code fleet}
	 * @param dumps the dumps that hold it, newest first; none when no dump does
	 */
	public record TraceDescriptor(String traceId, String scope, List<TracedDumpDescriptor> dumps) {

	}

	/**
	 * A dump that holds observations of a trace.
	 *
	 * @param application the application that wrote it
	 * @param instance the instance that wrote it
	 * @param name its name
	 * @param location where it is: its file, or its place in the storage
	 * @param size its size in bytes
	 * @param download its path, relative to the endpoint's
	 * @param report the path of its report opened at the trace, relative to the endpoint's
	 * @param observations the trace's observations it holds
	 */
	public record TracedDumpDescriptor(String application, String instance, String name, String location, long size,
			String download, String report, List<TracedObservation> observations) {

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

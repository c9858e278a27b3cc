package io.flightrecorder.actuate;

import java.io.Closeable;

import io.flightrecorder.Snapshot;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The body of a successful {@code flightrecording} response: an open snapshot and the name
 * of the file it is served as. The web layer writes it with
 * {@link FlightRecordingHttpMessageConverter} (Spring MVC) or
 * {@link FlightRecordingHttpMessageWriter} (Spring WebFlux), which close it when the
 * response ends, however it ends.
 */
public final class FlightRecording implements Closeable {

	private final Snapshot snapshot;

	private final String fileName;

	FlightRecording(Snapshot snapshot, String fileName) {
		this.snapshot = snapshot;
		this.fileName = fileName;
	}

	/**
	 * Returns the snapshot to serve.
	 * @return the open snapshot
	 */
	public Snapshot getSnapshot() {
		return this.snapshot;
	}

	/**
	 * Returns the name the snapshot is served as.
	 * @return the file name, ending in {@code .jfr}
	 */
	public String getFileName() {
		return this.fileName;
	}

	/**
	 * Sets the headers of a response that serves this recording: its content type, its
	 * length and its file name.
	 * @param headers the response's headers
	 */
	public void writeHeaders(HttpHeaders headers) {
		headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
		headers.setContentLength(this.snapshot.size());
		headers.setContentDisposition(ContentDisposition.attachment().filename(this.fileName).build());
	}

	/**
	 * Closes the snapshot as not delivered, when the response failed or was cancelled.
	 */
	public void abort() {
		this.snapshot.abort();
	}

	/**
	 * Closes the snapshot, so that the next one can be taken.
	 */
	@Override
	public void close() {
		this.snapshot.close();
	}

}

package io.flightrecorder.actuate;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.flightrecorder.Snapshot;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The body of a response that serves a {@code .jfr} file: an open snapshot or saved dump and
 * the name of the file it is served as. The web layer writes it with
 * {@link FlightRecordingHttpMessageConverter} (Spring MVC) or
 * {@link FlightRecordingHttpMessageWriter} (Spring WebFlux), which close it when the
 * response ends, however it ends.
 * <p>
 * Not a {@code Resource}, as Boot's {@code HeapDumpWebEndpoint} returns: an endpoint's
 * {@code WebEndpointResponse} carries a body, a status and a media type but no header
 * (spring-boot#51134), so a {@code Resource} could not be served with the
 * {@code Content-Disposition} that {@code curl -OJ} names the file by; and closing the
 * snapshot however the response ends (a client that goes away, a cancelled reactive write)
 * would need writers of our own anyway.
 */
public final class FlightRecording implements Closeable {

	private final Content content;

	private final long size;

	private final String fileName;

	FlightRecording(Snapshot snapshot, String fileName) {
		this(new SnapshotContent(snapshot), snapshot.size(), fileName);
	}

	private FlightRecording(Content content, long size, String fileName) {
		this.content = content;
		this.size = size;
		this.fileName = fileName;
	}

	/**
	 * Opens a file to serve under its own name. Once open, it is served whole even if it is
	 * deleted meanwhile.
	 * @param file the file
	 * @throws IOException if it cannot be opened
	 */
	static FlightRecording open(Path file) throws IOException {
		FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
		try {
			return of(Channels.newInputStream(channel), channel.size(), file.getFileName().toString());
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	/**
	 * Serves a stream under a name; the stream is closed with the recording.
	 * @param stream the bytes
	 * @param size how many there are
	 * @param fileName the name to serve them as
	 */
	static FlightRecording of(InputStream stream, long size, String fileName) {
		return new FlightRecording(new StreamContent(stream), size, fileName);
	}

	/**
	 * Returns the bytes to serve, to be read once.
	 * @return the stream
	 * @throws IOException if it cannot be opened
	 */
	public InputStream getInputStream() throws IOException {
		return this.content.getInputStream();
	}

	/**
	 * Writes the bytes to serve.
	 * @param out where to write them
	 * @throws IOException if reading or writing fails
	 */
	public void writeTo(OutputStream out) throws IOException {
		this.content.writeTo(out);
	}

	/**
	 * Returns the name the recording is served as.
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
		headers.setContentLength(this.size);
		headers.setContentDisposition(ContentDisposition.attachment().filename(this.fileName).build());
	}

	/**
	 * Closes the recording as not delivered, when the response failed or was cancelled.
	 */
	public void abort() {
		this.content.abort();
	}

	/**
	 * Closes the recording: a snapshot, so that the next one can be taken.
	 */
	@Override
	public void close() {
		this.content.close();
	}

	private interface Content {

		InputStream getInputStream() throws IOException;

		void writeTo(OutputStream out) throws IOException;

		void close();

		void abort();

	}

	private record SnapshotContent(Snapshot snapshot) implements Content {

		@Override
		public InputStream getInputStream() throws IOException {
			return this.snapshot.getInputStream();
		}

		@Override
		public void writeTo(OutputStream out) throws IOException {
			this.snapshot.writeTo(out);
		}

		@Override
		public void close() {
			this.snapshot.close();
		}

		@Override
		public void abort() {
			this.snapshot.abort();
		}

	}

	private record StreamContent(InputStream stream) implements Content {

		@Override
		public InputStream getInputStream() {
			return this.stream;
		}

		@Override
		public void writeTo(OutputStream out) throws IOException {
			this.stream.transferTo(out);
		}

		@Override
		public void close() {
			try {
				this.stream.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public void abort() {
			close();
		}

	}

}

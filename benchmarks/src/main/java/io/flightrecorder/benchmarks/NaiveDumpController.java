package io.flightrecorder.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * What the snapshot endpoint is compared with over the same HTTP stack: the naive snapshot,
 * {@code Recording.dump(tempFile)} of the flight recorder's own recording, then the file
 * streamed and deleted; and the given number of bytes from memory, the most HTTP can do.
 */
@RestController
public class NaiveDumpController {

	private static final byte[] BLOCK = new byte[64 * 1024];

	@GetMapping("/bytes")
	ResponseEntity<StreamingResponseBody> bytes(@RequestParam long count) {
		StreamingResponseBody body = (OutputStream out) -> {
			for (long left = count; left > 0; left -= BLOCK.length) {
				out.write(BLOCK, 0, (int) Math.min(BLOCK.length, left));
			}
		};
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).contentLength(count).body(body);
	}

	@GetMapping("/naive-dump")
	ResponseEntity<StreamingResponseBody> dump() throws IOException {
		Path file = Files.createTempFile("naive-", ".jfr");
		ring().dump(file);
		StreamingResponseBody body = (OutputStream out) -> {
			try (InputStream in = Files.newInputStream(file)) {
				in.transferTo(out);
			}
			finally {
				Files.deleteIfExists(file);
			}
		};
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.contentLength(Files.size(file))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"naive.jfr\"")
			.body(body);
	}

	/**
	 * Returns the flight recorder's own JFR recording.
	 */
	static Recording ring() {
		return FlightRecorder.getFlightRecorder()
			.getRecordings()
			.stream()
			.filter((recording) -> recording.getName().equals("flight-recorder"))
			.findFirst()
			.orElseThrow();
	}

}

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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The naive snapshot, for comparison: {@code Recording.dump(tempFile)} of the flight
 * recorder's own recording, then the file streamed and deleted.
 */
@RestController
public class NaiveDumpController {

	@GetMapping("/naive-dump")
	ResponseEntity<StreamingResponseBody> dump() throws IOException {
		Recording ring = FlightRecorder.getFlightRecorder()
			.getRecordings()
			.stream()
			.filter((recording) -> recording.getName().equals("flight-recorder"))
			.findFirst()
			.orElseThrow();
		Path file = Files.createTempFile("naive-", ".jfr");
		ring.dump(file);
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

}

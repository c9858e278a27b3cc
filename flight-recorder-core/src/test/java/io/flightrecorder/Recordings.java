package io.flightrecorder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads snapshots the way users do, with {@link RecordingFile}.
 */
public final class Recordings {

	private static final AtomicLong filled = new AtomicLong();

	private Recordings() {
	}

	public static List<RecordedEvent> events(byte[] snapshot) throws IOException {
		Path file = Files.createTempFile("snapshot-", ".jfr");
		try {
			Files.write(file, snapshot);
			return RecordingFile.readAllEvents(file);
		}
		finally {
			Files.delete(file);
		}
	}

	/**
	 * Returns the running JFR recording of a started {@link FlightRecorder}.
	 */
	public static Recording ring() {
		return jdk.jfr.FlightRecorder.getFlightRecorder()
			.getRecordings()
			.stream()
			.filter((recording) -> recording.getName().equals("flight-recorder"))
			.filter((recording) -> recording.getState() == RecordingState.RUNNING)
			.findFirst()
			.orElseThrow();
	}

	/**
	 * Commits events whose strings were never committed before, so that JFR cannot pool
	 * them (later JDKs pool long strings too, once per chunk), until about the given number
	 * of bytes is recorded.
	 */
	public static void fill(long bytes) {
		String payload = "x".repeat(1024);
		for (long written = 0; written < bytes; written += payload.length()) {
			MarkerEvent.commit(filled.incrementAndGet() + payload);
		}
	}

	public static List<String> markers(byte[] snapshot) throws IOException {
		List<String> markers = new ArrayList<>();
		for (RecordedEvent event : events(snapshot)) {
			if (event.getEventType().getName().equals("io.flightrecorder.test.Marker")) {
				markers.add(event.getString("value"));
			}
		}
		return markers;
	}

}

package io.flightrecorder;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import io.flightrecorder.internal.EventScan;
import io.flightrecorder.internal.DiskSpace;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the events to redact out of snapshots.
 * <p>
 * The ring's own recording never enables them. But JFR merges the settings of all recordings
 * in the JVM and they share chunks, so while another recording enables one, it lands in the
 * ring too. This class notes every moment that may have happened: when a recording that
 * enables one starts or stops, and whenever such an event type is found enabled (at each
 * chunk end and each snapshot). For as long as data from such a moment may still be in the
 * ring, a snapshot is dumped and scanned, and if it holds such events they are filtered out
 * (JDK 19 and later) or the snapshot is refused (JDK 17 and 18). Otherwise the snapshot is
 * served as it is, at no cost.
 */
final class Redaction implements FlightRecorderListener, AutoCloseable {

	private static final @Nullable Method WRITE_FILTERED = writeFiltered();

	private final Set<String> events;

	private final long windowNanos;

	private volatile boolean seen;

	private volatile long lastSeen;

	/**
	 * Starts watching for the given events, which stay in a ring for at most the given
	 * window after they were recorded.
	 */
	Redaction(Set<String> events, Duration window) {
		this.events = Set.copyOf(events);
		this.windowNanos = window.toNanos();
		if (!this.events.isEmpty()) {
			jdk.jfr.FlightRecorder.addListener(this);
			check();
		}
	}

	/**
	 * Returns the JFR settings that keep the events out of the ring's own recording.
	 */
	Map<String, String> disable(Map<String, String> settings) {
		Map<String, String> disabled = new HashMap<>(settings);
		this.events.forEach((event) -> disabled.put(event + "#enabled", "false"));
		return disabled;
	}

	/**
	 * Notes whether any of the events is enabled now.
	 */
	void check() {
		if (this.events.isEmpty()) {
			return;
		}
		for (EventType type : jdk.jfr.FlightRecorder.getFlightRecorder().getEventTypes()) {
			if (type.isEnabled() && this.events.contains(type.getName())) {
				seen();
				return;
			}
		}
	}

	/**
	 * Notes a recording that enables one of the events as it starts or stops. A recording
	 * that enables none cannot have made one enabled, so it needs no further check.
	 */
	@Override
	public void recordingStateChanged(Recording recording) {
		Map<String, String> settings = recording.getSettings();
		if (this.events.stream().anyMatch((event) -> "true".equals(settings.get(event + "#enabled")))) {
			seen();
		}
	}

	private void seen() {
		this.lastSeen = System.nanoTime();
		this.seen = true;
	}

	/**
	 * Takes the content of the given stopped copy, without the events.
	 */
	SnapshotContent apply(Recording copy, DiskSpace storage) throws IOException {
		check();
		if (!this.seen || System.nanoTime() - this.lastSeen > this.windowNanos) {
			return SnapshotContent.of(copy, storage);
		}
		DumpedSnapshotContent dumped = DumpedSnapshotContent.dump(copy, storage);
		try {
			return contains(dumped.file()) ? filter(dumped, storage) : dumped;
		}
		catch (IOException | RuntimeException ex) {
			dumped.close();
			throw ex;
		}
	}

	private boolean contains(Path file) throws IOException {
		return EventScan.containsAny(file, this.events);
	}

	private SnapshotContent filter(DumpedSnapshotContent dumped, DiskSpace storage) throws IOException {
		if (WRITE_FILTERED == null) {
			throw new SnapshotRedactionException("The snapshot holds events that are to be redacted ("
					+ String.join(", ", new TreeSet<>(this.events))
					+ "), recorded because another JFR recording in this JVM enables them, and this JDK ("
					+ Runtime.version().feature() + ") cannot remove them: JDK 19 or later can. "
					+ "Stop that recording or disable those events in it, use JDK 19 or later, "
					+ "or turn redaction off (flight-recorder.redaction.enabled=false)");
		}
		Path filtered = storage.newSnapshotFile(dumped.size());
		Predicate<RecordedEvent> kept = (event) -> !this.events.contains(event.getEventType().getName());
		try (RecordingFile recording = new RecordingFile(dumped.file())) {
			WRITE_FILTERED.invoke(recording, filtered, kept);
			SnapshotContent content = new DumpedSnapshotContent(filtered);
			dumped.close();
			return content;
		}
		catch (IllegalAccessException | InvocationTargetException | IOException | RuntimeException ex) {
			Files.deleteIfExists(filtered);
			Throwable cause = (ex instanceof InvocationTargetException invocation) ? invocation.getCause() : ex;
			throw new IOException("Failed to remove redacted events from the snapshot", cause);
		}
	}

	private static @Nullable Method writeFiltered() {
		try {
			return RecordingFile.class.getMethod("write", Path.class, Predicate.class);
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

	@Override
	public void close() {
		jdk.jfr.FlightRecorder.removeListener(this);
	}

}

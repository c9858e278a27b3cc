package io.flightrecorder;

import java.io.IOException;
import java.text.ParseException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * The JFR recording behind a started {@link FlightRecorder}: one recording on disk with JFR's
 * {@code default} settings less the redacted events, bounded by size and age, whose chunks a
 * {@link ChunkRotation} keeps short and whose snapshots a {@link Redaction} keeps clean.
 * <p>
 * JFR trims whole chunks: it drops the oldest while the ring is over its size (keeping the
 * newest), and those that ended more than the period ago. A stopped copy inherits both
 * bounds, and JFR applies them again when the copy receives the chunk that ends at the
 * moment of the copy; so a snapshot is trimmed to size and period as of its own time.
 */
final class RingRecording implements AutoCloseable {

	private static final String SETTINGS = "default";

	private final Recording recording;

	private final ChunkRotation rotation;

	private final Redaction redaction;

	private final Storage storage;

	/**
	 * Starts recording. When the disk under the repository runs low, calls
	 * {@code onLowSpace} with the reason, from the rotation thread.
	 */
	RingRecording(long size, Duration period, Set<String> redactedEvents, Storage storage,
			Consumer<String> onLowSpace) {
		this.storage = storage;
		this.redaction = new Redaction(redactedEvents, ChunkRotation.retention(period));
		this.recording = new Recording();
		this.recording.setSettings(this.redaction.disable(defaultSettings().getSettings()));
		this.recording.setName("flight-recorder");
		this.recording.setToDisk(true);
		this.recording.setMaxSize(size);
		this.recording.setMaxAge(period);
		this.recording.start();
		this.rotation = new ChunkRotation(this.recording, period, () -> {
			this.redaction.check();
			String lowSpace = storage.lowSpace();
			if (lowSpace != null) {
				onLowSpace.accept(lowSpace);
			}
		});
	}

	private static Configuration defaultSettings() {
		try {
			return Configuration.getConfiguration(SETTINGS);
		}
		catch (IOException | ParseException ex) {
			throw new IllegalStateException("JFR's '" + SETTINGS + "' settings cannot be read", ex);
		}
	}

	/**
	 * Takes the content of a snapshot holding the ring's data up to this moment.
	 */
	SnapshotContent snapshot() throws IOException {
		return this.redaction.apply(this.rotation.rotate(), this.storage);
	}

	long retainedBytes() {
		return this.recording.getSize();
	}

	@Override
	public void close() {
		this.rotation.close();
		this.recording.close();
		this.redaction.close();
	}

}

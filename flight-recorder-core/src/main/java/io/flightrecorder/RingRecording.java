package io.flightrecorder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import io.flightrecorder.internal.JvmShutdown;
import io.flightrecorder.internal.DiskSpace;
import io.flightrecorder.internal.FileNames;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.jspecify.annotations.Nullable;

/**
 * The JFR recording behind a started {@link FlightRecorder}: one recording on disk with the
 * recorder's settings (JFR's {@code default} unless set) less the redacted events, bounded
 * by size and age, whose chunks a {@link ChunkRotation} keeps short and whose snapshots a
 * {@link Redaction} keeps clean.
 * <p>
 * JFR trims whole chunks: it drops the oldest while the ring is over its size (keeping the
 * newest), and those that ended more than the period ago. A stopped copy inherits both
 * bounds, and JFR applies them again when the copy receives the chunk that ends at the
 * moment of the copy; so a snapshot is trimmed to size and period as of its own time.
 */
final class RingRecording implements AutoCloseable {

	private static final String SETTINGS = "default";

	private static final String PERIOD = "#period";

	private static final String EVERY_CHUNK = "everyChunk";

	private static @Nullable Map<String, String> defaultSettings;

	private final Recording recording;

	private final ChunkRotation rotation;

	private final Redaction redaction;

	private final RequiredEvents requiredEvents;

	private final DiskSpace storage;

	private final @Nullable Path exitDump;

	/**
	 * The settings it was started with, which the end of a boost goes back to.
	 */
	private final Map<String, String> ownSettings;

	/**
	 * The period, as JFR writes a duration, that replaces {@code everyChunk}.
	 */
	private final String everyChunk;

	/**
	 * Starts recording. When the disk under the repository runs low, calls
	 * {@code onLowSpace} with the reason, from the rotation thread. With an exit dump, JFR
	 * writes the ring there if the JVM exits while it records.
	 */
	RingRecording(FlightRecorderConfig config, Map<String, String> settings, DiskSpace storage,
			Consumer<String> onLowSpace) {
		long size = config.size();
		Duration period = config.period();
		Path exitDump = config.exitDump();
		this.storage = storage;
		this.exitDump = exitDump;
		this.ownSettings = settings;
		this.redaction = new Redaction(config.redactedEvents(), ChunkRotation.retention(period));
		this.requiredEvents = new RequiredEvents(config.requiredEvents());
		this.requiredEvents.logChanges(settings, config.settings().name());
		this.everyChunk = period.toMillis() + " ms";
		this.recording = new Recording();
		try {
			this.recording.setSettings(ringSettings(settings));
			this.recording.setName("flight-recorder");
			this.recording.setToDisk(true);
			this.recording.setMaxSize(size);
			this.recording.setMaxAge(period);
			if (exitDump != null) {
				setDestination(createOwnerOnly(exitDump));
				this.recording.setDumpOnExit(true);
			}
			this.recording.start();
		}
		catch (RuntimeException ex) {
			this.recording.close();
			this.redaction.close();
			throw ex;
		}
		this.rotation = new ChunkRotation(this.recording, size, period, () -> {
			this.redaction.check();
			String lowSpace = storage.lowSpace();
			if (lowSpace != null) {
				onLowSpace.accept(lowSpace);
			}
		});
	}

	/**
	 * Initializes JFR and reads the settings, which the first start then uses.
	 */
	static void initializeJfr() {
		jdk.jfr.FlightRecorder.getFlightRecorder();
		defaultSettings();
	}

	/**
	 * Records with other settings from now on, less the redacted events.
	 */
	void applySettings(Map<String, String> settings) {
		this.recording.setSettings(ringSettings(settings));
	}

	/**
	 * Records with the settings it was started with again.
	 */
	void revertSettings() {
		applySettings(this.ownSettings);
	}

	/**
	 * Returns the settings the ring records with: the events JFR takes at the start and end of
	 * every chunk ({@code everyChunk}: thread dumps, class loader and thread allocation
	 * statistics, native libraries and more) taken once per period instead, and the redacted
	 * events disabled. The ring's chunks last seconds, so that it can drop its oldest data in
	 * small steps; taken at each of them, those events would cost a safepoint and a thread dump
	 * every few seconds and fill the ring with copies, where a recording of the period's length
	 * with one chunk holds two. A snapshot holds at least the period, so at least one of each.
	 * The events the event triggers need are enabled at their thresholds.
	 */
	private Map<String, String> ringSettings(Map<String, String> settings) {
		Map<String, String> paced = this.requiredEvents.apply(settings);
		paced.replaceAll((name, value) -> (name.endsWith(PERIOD) && value.equals(EVERY_CHUNK)) ? this.everyChunk : value);
		return this.redaction.disable(paced);
	}

	/**
	 * JFR's settings, read once per JVM: a start while the early initialization reads them
	 * waits for it rather than reading them again.
	 */
	static synchronized Map<String, String> defaultSettings() {
		Map<String, String> settings = defaultSettings;
		if (settings == null) {
			try {
				settings = Configuration.getConfiguration(SETTINGS).getSettings();
			}
			catch (IOException | ParseException ex) {
				throw new IllegalStateException("JFR's '" + SETTINGS + "' settings cannot be read", ex);
			}
			defaultSettings = settings;
		}
		return settings;
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

	/**
	 * Creates the exit dump's file readable by its owner only, as every other file the
	 * recorder writes: JFR would create it readable by all. JFR writes into the file it is
	 * given, which keeps its permissions.
	 */
	private static Path createOwnerOnly(Path file) {
		try {
			Files.deleteIfExists(file);
			return Files.createFile(file, FileNames.ownerOnly(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the exit dump " + file, ex);
		}
	}

	private void setDestination(@Nullable Path file) {
		try {
			this.recording.setDestination(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("JFR cannot write its exit dump to " + file, ex);
		}
	}

	/**
	 * Stops recording and deletes the ring. When the JVM is exiting with an exit dump, the
	 * recording is left to JFR's shutdown hook, which writes the exit dump, then closes it:
	 * stopping it here could race with that hook deleting the chunks before they are written.
	 */
	@Override
	public void close() {
		this.rotation.close();
		this.redaction.close();
		if (this.exitDump != null) {
			if (JvmShutdown.inProgress()) {
				return;
			}
			setDestination(null);
		}
		this.recording.close();
		if (this.exitDump != null) {
			deleteEmptyExitDump(this.exitDump);
		}
	}

	/**
	 * Deletes the file JFR created, still empty, when it was given as the exit dump.
	 */
	private static void deleteEmptyExitDump(Path file) {
		try {
			if (Files.size(file) == 0) {
				Files.delete(file);
			}
		}
		catch (IOException ex) {
			// gone already, or not ours to delete
		}
	}

}

package io.flightrecorder.autoconfigure;

import java.nio.file.Path;

import io.flightrecorder.dump.SavedDumps;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the saved dumps: snapshots that triggers, code and the exit and crash
 * dumps write to disk, under the {@code flight-recorder.dumps} prefix.
 */
@ConfigurationProperties("flight-recorder.dumps")
public class FlightRecorderDumpsProperties {

	/**
	 * Directory of saved dumps; created when the first dump is written. A relative path is
	 * resolved against the working directory.
	 */
	private Path directory = Path.of("flight-recorder-dumps");

	/**
	 * Most dumps kept: the oldest beyond it are deleted. Must be positive.
	 */
	private int maxCount = SavedDumps.DEFAULT_MAX_COUNT;

	/**
	 * Most bytes the dumps together keep: the oldest beyond it are deleted; the newest is
	 * always kept. Must be positive.
	 */
	private DataSize maxTotalSize = DataSize.ofBytes(SavedDumps.DEFAULT_MAX_TOTAL_SIZE);

	/**
	 * Whether to write a dump named '...-exit.jfr' when the application shuts down, after the
	 * web server has stopped.
	 */
	private boolean onExit;

	/**
	 * Whether to save, at start-up, the recording that a JVM of this host left when it was
	 * killed while recording (an out-of-memory kill, kill -9) as a dump named
	 * '...-crash.jfr', before its chunks are deleted. When false they are deleted unread.
	 */
	private boolean onCrash = true;

	public Path getDirectory() {
		return this.directory;
	}

	public void setDirectory(Path directory) {
		this.directory = directory;
	}

	public int getMaxCount() {
		return this.maxCount;
	}

	public void setMaxCount(int maxCount) {
		this.maxCount = PropertyValues.positive(maxCount);
	}

	public DataSize getMaxTotalSize() {
		return this.maxTotalSize;
	}

	public void setMaxTotalSize(DataSize maxTotalSize) {
		this.maxTotalSize = PropertyValues.positive(maxTotalSize);
	}

	public boolean isOnExit() {
		return this.onExit;
	}

	public void setOnExit(boolean onExit) {
		this.onExit = onExit;
	}

	public boolean isOnCrash() {
		return this.onCrash;
	}

	public void setOnCrash(boolean onCrash) {
		this.onCrash = onCrash;
	}

}

package io.flightrecorder;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What a JVM killed while it recorded (an out-of-memory kill, {@code kill -9}, a crash) left
 * in the repository: the complete chunks of its JFR repository, which hold the seconds
 * before it died and which nothing else keeps. The chunk it was writing when it died is not
 * one of them: it is not a valid recording.
 *
 * @param pid the process id of the dead JVM
 * @param chunks its complete chunks, oldest first: concatenated, they are one recording
 * @param lastWritten when the last of its files was written, about when it died
 */
public record CrashedRecording(String pid, List<Path> chunks, Instant lastWritten) {

	/**
	 * Does something with the recording of a dead JVM before the recorder deletes it.
	 */
	@FunctionalInterface
	public interface Handler {

		/**
		 * A handler that does nothing: the recording is deleted.
		 */
		Handler NONE = (recording) -> {
		};

		/**
		 * Called for each dead JVM's recording found at {@link FlightRecorder#start()}; its
		 * files are deleted when this returns or throws.
		 * @param recording the recording
		 * @throws java.io.IOException if it cannot be kept; the failure is logged
		 */
		void handle(CrashedRecording recording) throws java.io.IOException;

	}

}

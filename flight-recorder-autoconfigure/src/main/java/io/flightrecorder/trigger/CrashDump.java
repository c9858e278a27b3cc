package io.flightrecorder.trigger;

import java.io.IOException;
import java.util.Set;

import io.flightrecorder.CrashedRecording;
import io.flightrecorder.dump.SavedDumps;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Keeps the last seconds of a JVM that was killed while it recorded (an out-of-memory kill,
 * {@code kill -9}, a crash) as a saved dump named {@code ...-crash.jfr}, which nothing else
 * keeps: at the next start, the recorder hands what the dead JVM left in the repository to
 * {@link SavedDumps#saveCrashed} before deleting it. It also deletes the dumps that such a
 * JVM left half-written.
 */
public class CrashDump implements CrashedRecording.Handler {

	private static final Log logger = LogFactory.getLog(CrashDump.class);

	private final SavedDumps dumps;

	private final Set<String> redactedEvents;

	/**
	 * Creates the crash dump, to be given to the recorder as its crash handler
	 * ({@link io.flightrecorder.FlightRecorderConfig.Builder#crashHandler}), and deletes the
	 * dumps that dead JVMs left half-written.
	 * @param dumps where the dump is saved
	 * @param redactedEvents the events a crash dump must not hold
	 */
	public CrashDump(SavedDumps dumps, Set<String> redactedEvents) {
		this.dumps = dumps;
		this.redactedEvents = Set.copyOf(redactedEvents);
		dumps.deleteHalfWritten();
	}

	@Override
	public void handle(CrashedRecording recording) throws IOException {
		this.dumps.saveCrashed(recording, this.redactedEvents)
			.ifPresent((dump) -> logger.info("Saved the recording of JVM " + recording.pid()
					+ ", which was killed while recording, as " + dump.name()));
	}

}

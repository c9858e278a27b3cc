package io.flightrecorder.trigger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.dump.SavedDumps;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Keeps the last seconds before a shutdown as a saved dump named {@code ...-exit.jfr}.
 * <ul>
 * <li>When the application context stops while the JVM goes on, it writes the dump itself:
 * after the web server's graceful shutdown, so the last requests are in it, and before the
 * recorder stops.</li>
 * <li>When the JVM exits (SIGTERM, {@code System.exit}), JFR writes it as the recording
 * stops ({@link #prepareJfrExitDump}), and the next start makes it a saved dump,
 * unless it holds redacted events.</li>
 * </ul>
 * A crash or {@code SIGKILL} (an out-of-memory kill) leaves no exit dump. Failures are
 * logged, never thrown: they must not hold up the start or the shutdown.
 */
public class ExitDump implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ExitDump.class);

	private final DumpTriggers triggers;

	private final int phase;

	private volatile boolean running;

	/**
	 * Creates the exit dump that the given triggers write when the application context stops.
	 * @param triggers what writes the dump
	 * @param phase the lifecycle phase: above the recorder's, so that it stops first
	 */
	public ExitDump(DumpTriggers triggers, int phase) {
		this.triggers = triggers;
		this.phase = phase;
	}

	/**
	 * Saves the dump that JFR wrote when the JVM last exited, and returns the file for JFR's
	 * dump on exit of this run ({@link io.flightrecorder.FlightRecorderConfig.Builder#exitDump}).
	 * It must run before the recorder starts: JFR empties the file when it is given.
	 * @param dumps where the dumps are saved
	 * @param redactedEvents the events a dump JFR wrote must not hold
	 * @return the file, or {@code null} if there is none: the failure is logged
	 */
	public static @Nullable Path prepareJfrExitDump(SavedDumps dumps, Set<String> redactedEvents) {
		try {
			dumps.adoptExitDump(redactedEvents)
				.ifPresent((dump) -> logger.info("Saved the exit dump of the last run: " + dump.name()));
			return dumps.exitDumpFile();
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("No exit dump written by JFR: " + ex.getMessage());
			return null;
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		try {
			this.triggers.exitDump();
		}
		catch (IOException | RuntimeException ex) {
			// logged by the triggers
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

}

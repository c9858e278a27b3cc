package io.flightrecorder.trigger;

import java.io.IOException;
import java.util.Set;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.dump.DumpTriggers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Keeps the last seconds before a shutdown as a saved dump named {@code ...-exit.jfr}.
 * <ul>
 * <li>When the application context stops while the JVM goes on, it writes the dump itself:
 * after the web server's graceful shutdown, so the last requests are in it, and before the
 * recorder stops.</li>
 * <li>When the JVM exits (SIGTERM, {@code System.exit}), JFR writes it as the recording
 * stops ({@link FlightRecorder#setExitDump}), and the next start makes it a saved dump,
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
	 * Creates the exit dump of a recorder: saves the dump that JFR wrote when the JVM last
	 * exited, then asks the recorder for JFR's dump on exit to the same file. It must run
	 * before the recorder starts: JFR empties the file when it is given.
	 * @param recorder the recorder, not yet started
	 * @param triggers what writes the dump
	 * @param redactedEvents the events a dump JFR wrote must not hold
	 * @param phase the lifecycle phase: above the recorder's, so that it stops first
	 */
	public ExitDump(FlightRecorder recorder, DumpTriggers triggers, Set<String> redactedEvents, int phase) {
		this.triggers = triggers;
		this.phase = phase;
		try {
			triggers.dumps()
				.adoptExitDump(redactedEvents)
				.ifPresent((dump) -> logger.info("Saved the exit dump of the last run: " + dump.name()));
			recorder.setExitDump(triggers.dumps().exitDumpFile());
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("No exit dump written by JFR: " + ex.getMessage());
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

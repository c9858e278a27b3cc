package io.flightrecorder.trigger;

import java.io.IOException;

import io.flightrecorder.DumpTriggers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Writes a last dump when the application context stops: after the web server's graceful
 * shutdown, so the last requests are in it, and before the recorder stops. A failure is
 * logged, never thrown: it must not hold up the shutdown.
 */
public class ExitDump implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ExitDump.class);

	private final DumpTriggers triggers;

	private final int phase;

	private volatile boolean running;

	/**
	 * Creates the exit dump.
	 * @param triggers what writes it
	 * @param phase the lifecycle phase: above the recorder's, so that it stops first
	 */
	public ExitDump(DumpTriggers triggers, int phase) {
		this.triggers = triggers;
		this.phase = phase;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		try {
			this.triggers.dumpNow("exit", "the application is shutting down");
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

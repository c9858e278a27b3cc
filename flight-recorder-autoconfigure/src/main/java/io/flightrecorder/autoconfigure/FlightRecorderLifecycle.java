package io.flightrecorder.autoconfigure;

import io.flightrecorder.FlightRecorder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the {@link FlightRecorder} with the application context and stops it when the
 * context closes. It runs in an early phase, so that recording starts before the web server
 * accepts requests and ends only after the web server's graceful shutdown: snapshots can be
 * taken for as long as requests are served.
 */
public class FlightRecorderLifecycle implements SmartLifecycle {

	/**
	 * The phase of this lifecycle: before the web server's start and after its graceful
	 * shutdown.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Log logger = LogFactory.getLog(FlightRecorderLifecycle.class);

	private final FlightRecorder recorder;

	public FlightRecorderLifecycle(FlightRecorder recorder) {
		this.recorder = recorder;
	}

	/**
	 * Starts the recorder. A recorder that cannot start (too little disk space, a repository
	 * JFR refuses) must not take the application down: the failure is logged, and the
	 * recorder's health says why.
	 */
	@Override
	public void start() {
		try {
			this.recorder.start();
		}
		catch (RuntimeException ex) {
			logger.error("The flight recorder did not start: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void stop() {
		this.recorder.stop();
	}

	@Override
	public boolean isRunning() {
		return this.recorder.isEnabled();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}

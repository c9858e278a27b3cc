package io.flightrecorder.autoconfigure;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.internal.BackgroundWork;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the {@link FlightRecorder} with the application context and stops it when the
 * context closes. It runs in an early phase, so that recording starts before the web server
 * accepts requests and ends only after the web server's graceful shutdown: snapshots can be
 * taken for as long as requests are served.
 * <p>
 * Started in the background, the recording begins on a thread of its own, so that JFR's
 * first start in the JVM does not delay the application's; until it has begun, nothing is
 * recorded and snapshots are refused as for a stopped recorder.
 */
public class FlightRecorderLifecycle implements SmartLifecycle {

	/**
	 * The phase of this lifecycle: before the web server's start and after its graceful
	 * shutdown.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Log logger = LogFactory.getLog(FlightRecorderLifecycle.class);

	private final FlightRecorder recorder;

	private final boolean inBackground;

	private volatile @Nullable Thread starting;

	/**
	 * Creates the lifecycle of a recorder.
	 * @param recorder the recorder
	 * @param inBackground whether to start it on a thread of its own
	 */
	public FlightRecorderLifecycle(FlightRecorder recorder, boolean inBackground) {
		this.recorder = recorder;
		this.inBackground = inBackground;
	}

	/**
	 * Starts the recorder. A recorder that cannot start (too little disk space, a repository
	 * JFR refuses) must not take the application down: the failure is logged, and the
	 * recorder's health says why.
	 */
	@Override
	public void start() {
		if (this.inBackground) {
			Thread thread = BackgroundWork.newThread("start", this::startRecorder);
			this.starting = thread;
			thread.start();
		}
		else {
			startRecorder();
		}
	}

	private void startRecorder() {
		try {
			this.recorder.start();
			logger.debug("The flight recorder started");
		}
		catch (RuntimeException ex) {
			logger.error("The flight recorder did not start: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Stops the recorder, after its start in the background has ended.
	 */
	@Override
	public void stop() {
		Thread thread = this.starting;
		if (thread != null) {
			joinUninterruptibly(thread);
			this.starting = null;
		}
		this.recorder.stop();
	}

	private static void joinUninterruptibly(Thread thread) {
		boolean interrupted = false;
		while (thread.isAlive()) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.starting != null || this.recorder.isEnabled();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}

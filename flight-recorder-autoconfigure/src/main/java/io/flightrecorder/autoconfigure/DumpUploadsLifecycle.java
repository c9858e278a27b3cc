package io.flightrecorder.autoconfigure;

import java.time.Duration;

import io.flightrecorder.storage.DumpUploads;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the {@link DumpUploads} with the application context and closes them when it
 * stops: after the recorder and the exit dump, so that the exit dump is uploaded too, within
 * the shutdown timeout.
 */
class DumpUploadsLifecycle implements SmartLifecycle {

	private final DumpUploads uploads;

	private final Duration shutdownTimeout;

	private volatile boolean running;

	DumpUploadsLifecycle(DumpUploads uploads, Duration shutdownTimeout) {
		this.uploads = uploads;
		this.shutdownTimeout = shutdownTimeout;
	}

	@Override
	public void start() {
		this.uploads.start();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.uploads.close(this.shutdownTimeout);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return FlightRecorderLifecycle.PHASE - 1;
	}

}

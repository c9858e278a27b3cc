package io.flightrecorder.autoconfigure;

import io.flightrecorder.events.DeadlockCheck;
import io.flightrecorder.events.EventTriggers;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the event triggers and the deadlock check once the recorder records, and stops them
 * first when the application context stops, so that no event fires a dump while the recorder
 * and the exit dump stop.
 */
class EventTriggersLifecycle implements SmartLifecycle {

	private final @Nullable EventTriggers events;

	private final @Nullable DeadlockCheck deadlocks;

	private volatile boolean running;

	EventTriggersLifecycle(@Nullable EventTriggers events, @Nullable DeadlockCheck deadlocks) {
		this.events = events;
		this.deadlocks = deadlocks;
	}

	@Override
	public void start() {
		if (this.events != null) {
			this.events.start();
		}
		if (this.deadlocks != null) {
			this.deadlocks.start();
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.deadlocks != null) {
			this.deadlocks.close();
		}
		if (this.events != null) {
			this.events.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return FlightRecorderLifecycle.PHASE + 2;
	}

}

package io.flightrecorder;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.flightrecorder.internal.BackgroundWork;
import org.jspecify.annotations.Nullable;

/**
 * The boost of a {@link FlightRecorder}: at most one at a time, each ended by a timer on its
 * own daemon thread, created at the first boost.
 */
final class Boosts {

	private final Object lock = new Object();

	private final Clock clock;

	private @Nullable Boost current;

	private @Nullable ScheduledFuture<?> end;

	private @Nullable ScheduledExecutorService scheduler;

	Boosts(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Applies the settings to the ring and schedules the revert.
	 */
	Boost start(RingRecording ring, String name, Map<String, String> settings, Duration duration, Runnable revert) {
		synchronized (this.lock) {
			Boost active = this.current;
			if (active != null) {
				throw new BoostActiveException(active);
			}
			ring.applySettings(settings);
			Boost boost = new Boost(name, this.clock.instant().plus(duration));
			this.current = boost;
			this.end = scheduler().schedule(BackgroundWork.logFailures("Ending the flight recorder's boost", () -> {
				synchronized (this.lock) {
					if (this.current == boost) {
						this.current = null;
						revert.run();
					}
				}
			}), duration.toNanos(), TimeUnit.NANOSECONDS);
			return boost;
		}
	}

	/**
	 * Ends the boost in force now, if any.
	 * @return whether there was one
	 */
	boolean end(Runnable revert) {
		synchronized (this.lock) {
			if (this.current == null) {
				return false;
			}
			forget();
			revert.run();
			return true;
		}
	}

	/**
	 * Forgets the boost in force without reverting: the ring it applied to is gone.
	 */
	void forget() {
		synchronized (this.lock) {
			ScheduledFuture<?> scheduled = this.end;
			if (scheduled != null) {
				scheduled.cancel(false);
			}
			this.end = null;
			this.current = null;
		}
	}

	@Nullable Boost current() {
		synchronized (this.lock) {
			return this.current;
		}
	}

	private ScheduledExecutorService scheduler() {
		ScheduledExecutorService existing = this.scheduler;
		if (existing == null) {
			existing = BackgroundWork.newScheduler("boost");
			this.scheduler = existing;
		}
		return existing;
	}

}

package io.flightrecorder;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.flightrecorder.internal.BackgroundWork;
import org.jspecify.annotations.Nullable;

/**
 * The boosts of a {@link FlightRecorder}: recording with other settings for a bounded time,
 * then going back to the recorder's own by itself, for more detail during an incident without
 * a restart. Reached with {@link FlightRecorder#boosts()}.
 * <p>
 * One boost at a time. The redacted events stay disabled. {@link FlightRecorder#stop()} ends
 * the boost in force, and a restart records with the recorder's own settings. The time is
 * kept by a timer, on a daemon thread created at the first boost: the settings go back within
 * milliseconds of the duration, not at the exact instant. Data recorded during a boost stays
 * in the ring until it ages out, and the recording's {@code jdk.ActiveSetting} events say
 * which settings were in force when. All methods are safe to call from any thread.
 */
public final class Boosts {

	private final Object lock = new Object();

	private final Clock clock;

	private final Supplier<RingRecording> running;

	private final Supplier<@Nullable RingRecording> ring;

	private @Nullable Boost current;

	private @Nullable ScheduledFuture<?> end;

	private @Nullable ScheduledExecutorService scheduler;

	/**
	 * Boosts the ring that {@code running} returns, or throws for: {@code ring} returns the
	 * ring of now, or null, which a boost reverts only if it is still the one it boosted.
	 */
	Boosts(Clock clock, Supplier<RingRecording> running, Supplier<@Nullable RingRecording> ring) {
		this.clock = clock;
		this.running = running;
		this.ring = ring;
	}

	/**
	 * Records with other settings for {@code duration}, then goes back to the settings the
	 * ring was started with.
	 * @param name what the settings are called, such as {@code profile}
	 * @param settings the settings to record with, as JFR's {@code Configuration} gives them
	 * @param duration how long, positive
	 * @return the boost
	 * @throws BoostActiveException at once if a boost is in force
	 * @throws IllegalStateException if the recorder is not started
	 * @throws IllegalArgumentException if {@code duration} is not positive
	 */
	public Boost start(String name, Map<String, String> settings, Duration duration) {
		if (duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException("A boost's duration must be positive, but was " + duration);
		}
		Objects.requireNonNull(name, "name");
		synchronized (this.lock) {
			Boost active = this.current;
			if (active != null) {
				throw new BoostActiveException(active);
			}
			RingRecording boosted = this.running.get();
			boosted.applySettings(settings);
			Boost boost = new Boost(name, this.clock.instant().plus(duration));
			this.current = boost;
			this.end = scheduler().schedule(BackgroundWork.logFailures("Ending the flight recorder's boost", () -> {
				synchronized (this.lock) {
					if (this.current == boost) {
						this.current = null;
						revert(boosted);
					}
				}
			}), duration.toNanos(), TimeUnit.NANOSECONDS);
			return boost;
		}
	}

	/**
	 * Ends the boost in force now, and records with the recorder's own settings again.
	 * @return whether a boost was in force
	 */
	public boolean end() {
		synchronized (this.lock) {
			RingRecording boosted = this.ring.get();
			if (this.current == null || boosted == null) {
				return false;
			}
			forget();
			revert(boosted);
			return true;
		}
	}

	/**
	 * Returns the boost in force.
	 * @return the boost, or {@code null} if none is
	 */
	public @Nullable Boost current() {
		synchronized (this.lock) {
			return this.current;
		}
	}

	/**
	 * Goes back to the settings the ring was started with (settings given since apply at the
	 * next start, not at the end of a boost), unless the ring has been stopped since.
	 */
	private void revert(RingRecording boosted) {
		if (this.ring.get() == boosted) {
			boosted.revertSettings();
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

	private ScheduledExecutorService scheduler() {
		ScheduledExecutorService existing = this.scheduler;
		if (existing == null) {
			existing = BackgroundWork.newScheduler("boost");
			this.scheduler = existing;
		}
		return existing;
	}

}

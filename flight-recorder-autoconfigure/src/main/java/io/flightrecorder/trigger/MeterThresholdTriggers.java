package io.flightrecorder.trigger;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.flightrecorder.internal.BackgroundWork;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Checks {@link MeterThreshold meter thresholds} on a fixed interval, on one background
 * thread, from when the application context has started until it stops. The registry and
 * the meters are looked up at every check, so meters registered late are found. A threshold
 * whose meter does not exist (yet) is logged once at WARN and checked again at every interval.
 */
public class MeterThresholdTriggers implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(MeterThresholdTriggers.class);

	private final Supplier<@Nullable MeterRegistry> registry;

	private final List<MeterThreshold> thresholds;

	private final Duration interval;

	private final Set<MeterThreshold> reportedMissing = new HashSet<>();

	private @Nullable ScheduledExecutorService checker;

	/**
	 * Creates the checks of the given thresholds.
	 * @param registry where the meters are, looked up at every check; null while there is
	 * no registry
	 * @param thresholds the thresholds
	 * @param interval the time between two checks
	 */
	public MeterThresholdTriggers(Supplier<@Nullable MeterRegistry> registry, List<MeterThreshold> thresholds, Duration interval) {
		this.registry = registry;
		this.thresholds = List.copyOf(thresholds);
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		if (this.checker == null && !this.thresholds.isEmpty()) {
			ScheduledExecutorService started = BackgroundWork.newScheduler("meter-triggers");
			long nanos = this.interval.toNanos();
			started.scheduleWithFixedDelay(BackgroundWork.logFailures("Checking the flight recorder's meter thresholds",
					this::checkAll), nanos, nanos, TimeUnit.NANOSECONDS);
			this.checker = started;
		}
	}

	@Override
	public synchronized void stop() {
		if (this.checker != null) {
			this.checker.shutdownNow();
			this.checker = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.checker != null;
	}

	private void checkAll() {
		MeterRegistry registry = this.registry.get();
		for (MeterThreshold threshold : this.thresholds) {
			try {
				if ((registry == null || !threshold.check(registry)) && this.reportedMissing.add(threshold)) {
					logger.warn("No meter " + threshold.meter() + " to check for a flight recorder trigger (yet); "
							+ "checking again every " + this.interval);
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Checking the meter " + threshold.meter() + " for a flight recorder trigger failed", ex);
			}
		}
	}

}

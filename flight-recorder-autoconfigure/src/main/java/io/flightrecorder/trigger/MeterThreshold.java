package io.flightrecorder.trigger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.flightrecorder.dump.DumpTriggers;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Fires a trigger when a meter's value goes above a threshold: once when it crosses, not
 * again until it has gone back to or below the threshold (it cleared) and crosses again.
 * <p>
 * The meters are looked up by name and tags at every check, so a meter registered after
 * start-up is found as soon as it exists. When several meters match (other tags differ),
 * the highest value counts. The value is the given statistic, or else the first the meter
 * measures of {@code VALUE} (gauges), {@code MAX} (timers, distribution summaries) and
 * {@code COUNT} (counters). Time statistics of timers are compared in seconds, whatever the
 * registry's base time unit.
 */
public class MeterThreshold {

	private static final List<Statistic> DEFAULT_STATISTICS = List.of(Statistic.VALUE, Statistic.MAX,
			Statistic.COUNT);

	private final String name;

	private final List<Tag> tags;

	private final @Nullable Statistic statistic;

	private final double above;

	private final DumpTriggers.Trigger trigger;

	private boolean crossed;

	/**
	 * Creates a threshold on the meters of a name and tags.
	 * @param name the meter's name
	 * @param tags tags the meter must have; others may differ
	 * @param statistic the statistic to compare, or null for the meter's main one
	 * @param above the value above which it fires
	 * @param trigger what to fire
	 */
	public MeterThreshold(String name, Map<String, String> tags, @Nullable Statistic statistic, double above,
			DumpTriggers.Trigger trigger) {
		this.name = name;
		this.tags = tags.entrySet().stream().map((tag) -> Tag.of(tag.getKey(), tag.getValue())).toList();
		this.statistic = statistic;
		this.above = above;
		this.trigger = trigger;
	}

	/**
	 * Reads the meters and fires if the value has crossed the threshold since the last check.
	 * @param registry where the meters are
	 * @return whether a matching meter exists
	 */
	boolean check(MeterRegistry registry) {
		double value = Double.NaN;
		Meter highest = null;
		for (Meter meter : registry.find(this.name).tags(this.tags).meters()) {
			double measured = value(meter);
			if (!Double.isNaN(measured) && (highest == null || measured > value)) {
				value = measured;
				highest = meter;
			}
		}
		if (highest == null) {
			return false;
		}
		if (value > this.above && !this.crossed) {
			this.trigger.fire(describe(highest) + " = " + value + " > " + this.above);
		}
		this.crossed = value > this.above;
		return true;
	}

	/**
	 * Returns the meter this threshold watches, for logs.
	 */
	String meter() {
		return this.name + this.tags;
	}

	private double value(Meter meter) {
		for (Statistic wanted : (this.statistic != null) ? List.of(this.statistic) : DEFAULT_STATISTICS) {
			for (Measurement measurement : meter.measure()) {
				if (measurement.getStatistic() == wanted) {
					return inSeconds(meter, wanted, measurement.getValue());
				}
			}
		}
		return Double.NaN;
	}

	private static double inSeconds(Meter meter, Statistic statistic, double value) {
		TimeUnit unit = baseTimeUnit(meter);
		boolean time = statistic == Statistic.MAX || statistic == Statistic.TOTAL_TIME
				|| statistic == Statistic.DURATION;
		return (unit != null && time) ? value * unit.toNanos(1) / 1e9 : value;
	}

	private static @Nullable TimeUnit baseTimeUnit(Meter meter) {
		if (meter instanceof Timer timer) {
			return timer.baseTimeUnit();
		}
		if (meter instanceof LongTaskTimer timer) {
			return timer.baseTimeUnit();
		}
		if (meter instanceof FunctionTimer timer) {
			return timer.baseTimeUnit();
		}
		return null;
	}

	private static String describe(Meter meter) {
		return meter.getId().getName() + meter.getId().getTags();
	}

}

package io.flightrecorder.metrics;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import io.flightrecorder.dump.DumpListener;
import io.flightrecorder.dump.DumpSkippedException;
import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.dump.SavedDump;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Metrics of the {@link DumpTriggers}: counters tagged with the {@code trigger}'s name.
 * <ul>
 * <li>{@code flightrecorder.dumps.fired}: every firing, written or not.</li>
 * <li>{@code flightrecorder.dumps.skipped}: firings a rate limit held back, tagged with the
 * {@code limit} ({@code cooldown}, {@code global-cooldown}).</li>
 * <li>{@code flightrecorder.dumps.written}: dumps written.</li>
 * <li>{@code flightrecorder.dumps.failed}: dumps that could not be written.</li>
 * </ul>
 * A trigger's counters appear when it first fires. It counts what it is told as a
 * {@link DumpListener} of the triggers ({@link DumpTriggers#addListener}; the
 * auto-configuration adds every {@code DumpListener} bean), until it is
 * {@linkplain #close() closed}.
 */
public class DumpMetrics implements MeterBinder, DumpListener, AutoCloseable {

	private static final String PREFIX = "flightrecorder.dumps.";

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
	}

	/**
	 * Stops counting: what the triggers tell from now on is ignored. The counters already
	 * registered stay in their registries.
	 */
	@Override
	public void close() {
		this.registries.clear();
	}

	@Override
	public void fired(String trigger) {
		increment("fired", "Firings of the flight recorder's dump triggers", Tags.of("trigger", trigger));
	}

	@Override
	public void skipped(String trigger, DumpSkippedException.Limit limit) {
		increment("skipped", "Firings a rate limit held back: no dump was written",
				Tags.of("trigger", trigger, "limit", limit.name().toLowerCase(Locale.ROOT).replace('_', '-')));
	}

	@Override
	public void written(SavedDump dump) {
		increment("written", "Dumps written by the flight recorder's triggers", Tags.of("trigger", dump.trigger()));
	}

	@Override
	public void failed(String trigger, Exception failure) {
		increment("failed", "Dumps of the flight recorder's triggers that could not be written",
				Tags.of("trigger", trigger));
	}

	private void increment(String name, String description, Tags tags) {
		for (MeterRegistry registry : this.registries) {
			Counter.builder(PREFIX + name).description(description).tags(tags).register(registry).increment();
		}
	}

}

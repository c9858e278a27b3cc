package io.flightrecorder.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.flightrecorder.dump.DumpListener;
import io.flightrecorder.dump.DumpSkippedException;
import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.storage.DumpUploads;
import io.flightrecorder.storage.UploadListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Metrics of the {@link DumpTriggers} and of the {@link DumpUploads}. Of the triggers,
 * counters tagged with the {@code trigger}'s name:
 * <ul>
 * <li>{@code flightrecorder.dumps.fired}: every firing, written or not.</li>
 * <li>{@code flightrecorder.dumps.skipped}: firings a rate limit held back, tagged with the
 * {@code limit} ({@code cooldown}, {@code global-cooldown}).</li>
 * <li>{@code flightrecorder.dumps.written}: dumps written.</li>
 * <li>{@code flightrecorder.dumps.failed}: dumps that could not be written.</li>
 * </ul>
 * Of the uploads, when saved dumps are uploaded:
 * <ul>
 * <li>{@code flightrecorder.uploads.pending}: saved dumps waiting to be uploaded (a
 * gauge).</li>
 * <li>{@code flightrecorder.uploads.uploaded}: dumps uploaded, tagged with the
 * {@code trigger}.</li>
 * <li>{@code flightrecorder.uploads.failed}: failed attempts, each retried, tagged with the
 * {@code trigger}.</li>
 * <li>{@code flightrecorder.uploads.bytes}: bytes uploaded.</li>
 * <li>{@code flightrecorder.uploads.duration}: how long each upload took (a timer).</li>
 * </ul>
 * A trigger's counters appear when it first fires, the uploads' when they are first counted.
 * It counts what it is told as a {@link DumpListener} of the triggers
 * ({@link DumpTriggers#addListener}) and an {@link UploadListener} of the uploads (the
 * auto-configuration adds every bean of either), until it is {@linkplain #close() closed}.
 */
public class DumpMetrics implements MeterBinder, DumpListener, UploadListener, AutoCloseable {

	private static final String PREFIX = "flightrecorder.dumps.";

	private static final String UPLOADS = "flightrecorder.uploads.";

	private final AtomicInteger pending = new AtomicInteger();

	/**
	 * The registries that have the pending gauge: it is registered once in each, at the
	 * first count, as Micrometer warns of a gauge registered again.
	 */
	private final Set<MeterRegistry> pendingRegistries = ConcurrentHashMap.newKeySet();

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
		increment(PREFIX + "fired", "Firings of the flight recorder's dump triggers", Tags.of("trigger", trigger));
	}

	@Override
	public void skipped(String trigger, DumpSkippedException.Limit limit) {
		increment(PREFIX + "skipped", "Firings a rate limit held back: no dump was written",
				Tags.of("trigger", trigger, "limit", limit.name().toLowerCase(Locale.ROOT).replace('_', '-')));
	}

	@Override
	public void written(SavedDump dump) {
		increment(PREFIX + "written", "Dumps written by the flight recorder's triggers", Tags.of("trigger", dump.trigger()));
	}

	@Override
	public void failed(String trigger, Exception failure) {
		increment(PREFIX + "failed", "Dumps of the flight recorder's triggers that could not be written",
				Tags.of("trigger", trigger));
	}

	@Override
	public void uploaded(SavedDump dump, Duration time) {
		Tags tags = Tags.of("trigger", dump.trigger());
		increment(UPLOADS + "uploaded", "Saved dumps uploaded to storage", tags);
		for (MeterRegistry registry : this.registries) {
			Counter.builder(UPLOADS + "bytes")
				.description("Bytes of saved dumps uploaded to storage")
				.baseUnit(BaseUnits.BYTES)
				.register(registry)
				.increment(dump.size());
			Timer.builder(UPLOADS + "duration")
				.description("Time taken to upload a saved dump")
				.register(registry)
				.record(time);
		}
	}

	@Override
	public void failed(SavedDump dump, Exception failure) {
		increment(UPLOADS + "failed", "Attempts to upload a saved dump that failed; each is retried",
				Tags.of("trigger", dump.trigger()));
	}

	@Override
	public void pending(int pending) {
		this.pending.set(pending);
		for (MeterRegistry registry : this.registries) {
			if (this.pendingRegistries.add(registry)) {
				Gauge.builder(UPLOADS + "pending", this.pending, AtomicInteger::get)
					.description("Saved dumps waiting to be uploaded to storage")
					.register(registry);
			}
		}
	}

	private void increment(String name, String description, Tags tags) {
		for (MeterRegistry registry : this.registries) {
			Counter.builder(name).description(description).tags(tags).register(registry).increment();
		}
	}

}

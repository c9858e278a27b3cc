package io.flightrecorder.events;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedObject;
import org.jspecify.annotations.Nullable;

/**
 * Fires when the heap is still above a share of its maximum right after a collection: what
 * survives a collection is live, so a heap that stays full is a leak or too small for the
 * load. Read from {@code jdk.GCHeapSummary} after each collection, whatever the collector;
 * after a young collection the heap still holds the old generation's garbage that the next
 * old collection would free, so a threshold near 100 % fires on what no collection frees.
 */
final class HeapAfterGc implements EventRule {

	private static final String HEAP_SUMMARY = "jdk.GCHeapSummary";

	private final double abovePercent;

	HeapAfterGc(double abovePercent) {
		if (!(abovePercent > 0 && abovePercent < 100)) {
			throw new IllegalArgumentException(
					"the share of the heap must be a percentage above 0 and below 100, but was " + abovePercent);
		}
		EventTypes.find(HEAP_SUMMARY);
		this.abovePercent = abovePercent;
	}

	@Override
	public String name() {
		return "heap-after-gc";
	}

	@Override
	public Map<String, Duration> events() {
		return Map.of(HEAP_SUMMARY, Duration.ZERO);
	}

	@Override
	public @Nullable EventFiring test(RecordedEvent event) {
		RecordedObject space = event.getValue("heapSpace");
		if (!"After GC".equals(event.getString("when")) || space == null) {
			return null;
		}
		long used = event.getLong("heapUsed");
		long maximum = space.getLong("reservedSize");
		double percent = (maximum > 0) ? 100.0 * used / maximum : 0;
		return (percent > this.abovePercent) ? EventThreshold.firing(event,
				String.format(Locale.ROOT, "heapUsed %.1f MiB after GC %d = %.1f %% of the maximum %.1f MiB > %s %%",
						used / 1048576.0, event.getInt("gcId"), percent, maximum / 1048576.0,
						EventThreshold.plain(this.abovePercent))) : null;
	}

}

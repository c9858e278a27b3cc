package io.flightrecorder.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.SnapshotListener;
import io.flightrecorder.SnapshotOutcome;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Metrics of a {@link FlightRecorder}: whether it runs, what its ring retains, and each
 * snapshot, observed.
 * <ul>
 * <li>{@code flightrecorder.running}: 1 while the recorder is started, else 0.</li>
 * <li>{@code flightrecorder.retained} (bytes): what the ring keeps on disk.</li>
 * <li>{@code flightrecorder.snapshot.size} (bytes): the size of each snapshot served in
 * full.</li>
 * <li>An {@link Observation} named {@code flightrecorder.snapshot} around each snapshot
 * request, from the request to the last byte, with the low-cardinality key {@code outcome}
 * ({@code success}, {@code rejected}, {@code error}, {@code client-aborted}). With Spring
 * Boot's default meter observation handler it gives the timer
 * {@code flightrecorder.snapshot}, whose count by outcome is the number of snapshots; a
 * tracing setup sees it as a span.</li>
 * </ul>
 * Binding it makes it the recorder's {@link SnapshotListener}.
 */
public class FlightRecorderMetrics implements MeterBinder, SnapshotListener {

	static final String SNAPSHOT = "flightrecorder.snapshot";

	private final FlightRecorder recorder;

	private final ObservationRegistry observationRegistry;

	private final List<DistributionSummary> sizes = new CopyOnWriteArrayList<>();

	/**
	 * Creates the metrics of the given recorder, observing snapshots in the given registry.
	 * @param recorder the recorder
	 * @param observationRegistry where snapshots are observed
	 */
	public FlightRecorderMetrics(FlightRecorder recorder, ObservationRegistry observationRegistry) {
		this.recorder = recorder;
		this.observationRegistry = observationRegistry;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("flightrecorder.running", this.recorder, (recorder) -> recorder.isEnabled() ? 1 : 0)
			.description("Whether the flight recorder is recording: 1 if it is, 0 if not")
			.register(registry);
		Gauge.builder("flightrecorder.retained", this.recorder, FlightRecorder::retainedBytes)
			.description("Bytes the flight recorder's ring keeps on disk, besides the chunk being recorded")
			.baseUnit("bytes")
			.register(registry);
		this.sizes.add(DistributionSummary.builder(SNAPSHOT + ".size")
			.description("Size of the flight recorder snapshots served in full")
			.baseUnit("bytes")
			.register(registry));
		this.recorder.setSnapshotListener(this);
	}

	@Override
	public Attempt started() {
		Observation observation = Observation
			.createNotStarted(SNAPSHOT, this.observationRegistry)
			.contextualName("flight recorder snapshot")
			.start();
		return (outcome, bytes) -> ended(observation, outcome, bytes);
	}

	private void ended(Observation observation, SnapshotOutcome outcome, long bytes) {
		if (outcome == SnapshotOutcome.SUCCESS) {
			this.sizes.forEach((size) -> size.record(bytes));
		}
		observation.lowCardinalityKeyValue(KeyValue.of("outcome", outcome.value())).stop();
	}

}

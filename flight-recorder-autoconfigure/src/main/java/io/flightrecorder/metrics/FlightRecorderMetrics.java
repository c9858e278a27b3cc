package io.flightrecorder.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.SnapshotListener;
import io.flightrecorder.SnapshotOutcome;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

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
 * ({@code success}, {@code rejected}, {@code error}, {@code client-aborted}) and an error
 * when it failed ({@link FlightRecorderObservationDocumentation#SNAPSHOT}; its convention
 * is replaceable). With Spring
 * Boot's default meter observation handler it gives the timer
 * {@code flightrecorder.snapshot}, whose count by outcome is the number of snapshots; a
 * tracing setup sees it as a span.</li>
 * </ul>
 * It is one of the recorder's {@link SnapshotListener}s from its creation, so the
 * observation is made (and a tracing setup sees its span) even before a meter registry is
 * bound, until it is {@linkplain #close() closed}.
 */
public class FlightRecorderMetrics implements MeterBinder, SnapshotListener, AutoCloseable {

	private final FlightRecorder recorder;

	private final ObservationRegistry observationRegistry;

	private final @Nullable SnapshotObservationConvention convention;

	private final List<DistributionSummary> sizes = new CopyOnWriteArrayList<>();

	/**
	 * Creates the metrics of the given recorder, observing snapshots in the given registry.
	 * @param recorder the recorder
	 * @param observationRegistry where snapshots are observed
	 */
	public FlightRecorderMetrics(FlightRecorder recorder, ObservationRegistry observationRegistry) {
		this(recorder, observationRegistry, null);
	}

	/**
	 * Creates the metrics of the given recorder, observing snapshots in the given registry
	 * with the given convention.
	 * @param recorder the recorder
	 * @param observationRegistry where snapshots are observed
	 * @param convention the convention of the snapshot observation, or {@code null} for
	 * {@link DefaultSnapshotObservationConvention}
	 */
	public FlightRecorderMetrics(FlightRecorder recorder, ObservationRegistry observationRegistry,
			@Nullable SnapshotObservationConvention convention) {
		this.recorder = recorder;
		this.observationRegistry = observationRegistry;
		this.convention = convention;
		recorder.snapshotListeners().add(this);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("flightrecorder.running", this.recorder, (recorder) -> recorder.isEnabled() ? 1 : 0)
			.description("Whether the flight recorder is recording: 1 if it is, 0 if not")
			.register(registry);
		Gauge.builder("flightrecorder.boost.active", this.recorder, (recorder) -> (recorder.boosts().current() != null) ? 1 : 0)
			.description("Whether a boost is in force: 1 if the ring records with a boost's settings, 0 if with its own")
			.register(registry);
		Gauge.builder("flightrecorder.retained", this.recorder, (recorder) -> recorder.status().retainedBytes())
			.description("Bytes the flight recorder's ring keeps on disk, besides the chunk being recorded")
			.baseUnit(BaseUnits.BYTES)
			.register(registry);
		this.sizes.add(DistributionSummary.builder("flightrecorder.snapshot.size")
			.description("Size of the flight recorder snapshots served in full")
			.baseUnit(BaseUnits.BYTES)
			.register(registry));
	}

	/**
	 * Stops observing snapshots: the recorder no longer tells these metrics of them. The
	 * meters already registered stay in their registries, as Micrometer's binders leave
	 * them.
	 */
	@Override
	public void close() {
		this.recorder.snapshotListeners().remove(this);
	}

	@Override
	public Attempt started() {
		SnapshotObservationContext context = new SnapshotObservationContext();
		Observation observation = FlightRecorderObservationDocumentation.SNAPSHOT
			.observation(this.convention, DefaultSnapshotObservationConvention.INSTANCE, () -> context,
					this.observationRegistry)
			.start();
		return (outcome, bytes) -> {
			if (outcome == SnapshotOutcome.SUCCESS) {
				this.sizes.forEach((size) -> size.record(bytes));
			}
			context.ended(outcome, bytes);
			if (outcome == SnapshotOutcome.ERROR) {
				observation.error(new SnapshotFailedException());
			}
			observation.stop();
		};
	}

	/**
	 * The error of a snapshot observation that ended in {@link SnapshotOutcome#ERROR}, so
	 * that its {@code error} key says so; the cause itself was logged or thrown to the
	 * caller.
	 */
	static final class SnapshotFailedException extends RuntimeException {

		SnapshotFailedException() {
			super("The flight recorder snapshot could not be taken or read", null, false, false);
		}

	}

}

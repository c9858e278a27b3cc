package io.flightrecorder.metrics;

import io.flightrecorder.SnapshotOutcome;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The context of a {@link FlightRecorderObservationDocumentation#SNAPSHOT snapshot}
 * observation: how the snapshot ended and how many bytes were read, once it has ended.
 */
public class SnapshotObservationContext extends Observation.Context {

	private @Nullable SnapshotOutcome outcome;

	private long bytes;

	/**
	 * Returns how the snapshot ended.
	 * @return the outcome, or {@code null} while it runs
	 */
	public @Nullable SnapshotOutcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Returns the bytes read from the snapshot.
	 * @return the bytes; its whole size on success
	 */
	public long getBytes() {
		return this.bytes;
	}

	void ended(SnapshotOutcome outcome, long bytes) {
		this.outcome = outcome;
		this.bytes = bytes;
	}

}

package io.flightrecorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import io.flightrecorder.internal.Listeners;

/**
 * The {@link SnapshotListener}s of a {@link FlightRecorder}, reached with
 * {@link FlightRecorder#snapshotListeners()}: told in the order they were added; one that
 * throws does not keep the others from being told, nor the snapshot from being taken. Safe
 * to use from any thread.
 */
public final class SnapshotListeners {

	private final List<SnapshotListener> listeners = new CopyOnWriteArrayList<>();

	SnapshotListeners() {
	}

	/**
	 * Adds a listener, told after those added before it, of the snapshots requested from now
	 * on, whether or not the recorder is started.
	 * @param listener the listener
	 */
	public void add(SnapshotListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	/**
	 * Removes a listener; it is not told of the snapshots requested from now on. Does nothing
	 * if it was not added.
	 * @param listener the listener
	 */
	public void remove(SnapshotListener listener) {
		this.listeners.remove(listener);
	}

	SnapshotListener.Attempt started() {
		List<SnapshotListener.Attempt> attempts = new ArrayList<>(this.listeners.size());
		Listeners.tellEach(this.listeners, (listener) -> attempts.add(listener.started()));
		return (outcome, bytes) -> Listeners.tellEach(attempts, (attempt) -> attempt.ended(outcome, bytes));
	}

}

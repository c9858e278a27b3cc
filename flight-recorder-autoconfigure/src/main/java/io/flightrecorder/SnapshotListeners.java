package io.flightrecorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.flightrecorder.internal.Listeners;

/**
 * The listeners of a {@link FlightRecorder}, told in the order they were added; one that
 * throws does not keep the others from being told, nor the snapshot from being taken.
 */
final class SnapshotListeners implements SnapshotListener {

	private final List<SnapshotListener> listeners = new CopyOnWriteArrayList<>();

	void add(SnapshotListener listener) {
		this.listeners.add(listener);
	}

	void remove(SnapshotListener listener) {
		this.listeners.remove(listener);
	}

	@Override
	public Attempt started() {
		List<Attempt> attempts = new ArrayList<>(this.listeners.size());
		Listeners.tellEach(this.listeners, (listener) -> attempts.add(listener.started()));
		return (outcome, bytes) -> Listeners.tellEach(attempts, (attempt) -> attempt.ended(outcome, bytes));
	}

}

package io.flightrecorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listeners of a {@link FlightRecorder}, told in the order they were added; one that
 * throws does not keep the others from being told, nor the snapshot from being taken.
 */
final class SnapshotListeners implements SnapshotListener {

	private static final System.Logger logger = System.getLogger(SnapshotListeners.class.getName());

	private final List<SnapshotListener> listeners = new CopyOnWriteArrayList<>();

	void add(SnapshotListener listener) {
		this.listeners.add(listener);
	}

	@Override
	public Attempt started() {
		List<Attempt> attempts = new ArrayList<>(this.listeners.size());
		for (SnapshotListener listener : this.listeners) {
			try {
				attempts.add(listener.started());
			}
			catch (RuntimeException ex) {
				logger.log(System.Logger.Level.WARNING, "A flight recorder snapshot listener failed", ex);
			}
		}
		return (outcome, bytes) -> {
			for (Attempt attempt : attempts) {
				try {
					attempt.ended(outcome, bytes);
				}
				catch (RuntimeException ex) {
					logger.log(System.Logger.Level.WARNING, "A flight recorder snapshot listener failed", ex);
				}
			}
		};
	}

}

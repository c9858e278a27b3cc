package io.flightrecorder;

/**
 * Told of every snapshot requested of a running {@link FlightRecorder}, and of how it ended;
 * for metrics and tracing. Added with {@link SnapshotListeners#add}; several may be.
 * <p>
 * {@link #started()} is called on the requesting thread before anything else is done;
 * {@link Attempt#ended} exactly once, when the snapshot is closed (possibly on another
 * thread) or at once when it was rejected or could not be taken, and before the next snapshot
 * can begin. Both must be quick and must not throw.
 */
@FunctionalInterface
public interface SnapshotListener {

	/**
	 * Called when a snapshot is requested.
	 * @return what to tell when the request ends
	 */
	Attempt started();

	/**
	 * One snapshot request, to be ended once.
	 */
	@FunctionalInterface
	interface Attempt {

		/**
		 * Called once when the request ends.
		 * @param outcome how it ended
		 * @param bytes the bytes read from the snapshot; its whole size on success
		 */
		void ended(SnapshotOutcome outcome, long bytes);

	}

}

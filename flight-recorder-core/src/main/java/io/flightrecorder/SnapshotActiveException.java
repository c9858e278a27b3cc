package io.flightrecorder;

/**
 * Thrown by {@link FlightRecorder#writeTo} and {@link FlightRecorder#snapshot} when another
 * snapshot is being written. The port of Go's {@code ErrSnapshotActive}: a caller that sees
 * it should use the result of the other snapshot, which holds the same recent data. It is
 * thrown at once; a snapshot never waits for another.
 */
public class SnapshotActiveException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	public SnapshotActiveException() {
		super("Another flight recorder snapshot is being written; only one runs at a time");
	}

}

package io.flightrecorder;

/**
 * How a snapshot request ended, as told to a {@link SnapshotListener}.
 */
public enum SnapshotOutcome {

	/**
	 * Every byte of the snapshot was read.
	 */
	SUCCESS("success"),

	/**
	 * Another snapshot was being written: the request failed at once with
	 * {@link SnapshotActiveException}.
	 */
	REJECTED("rejected"),

	/**
	 * The snapshot could not be taken or its data could not be read.
	 */
	ERROR("error"),

	/**
	 * The snapshot was closed before all its bytes were read: over HTTP, the client went
	 * away or the response could not be written.
	 */
	CLIENT_ABORTED("client-aborted");

	private final String value;

	SnapshotOutcome(String value) {
		this.value = value;
	}

	/**
	 * Returns the lower-case, dash-separated name of this outcome, as used in metric tags.
	 * @return the name, such as {@code client-aborted}
	 */
	public String value() {
		return this.value;
	}

}

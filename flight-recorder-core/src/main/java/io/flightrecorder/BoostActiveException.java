package io.flightrecorder;

/**
 * Thrown by {@link Boosts#start} when a boost is in force: one runs at a time, so
 * that the settings a recorder goes back to are always its own. It is thrown at once.
 */
public class BoostActiveException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception for the boost in force.
	 * @param active the boost in force
	 */
	public BoostActiveException(Boost active) {
		super("A boost is in force ('" + active.name() + "' until " + active.until()
				+ "); only one runs at a time");
	}

}

package io.flightrecorder;

/**
 * Thrown when the disk under the JFR repository or the snapshot files has too little free
 * space for what was asked: a snapshot that would not fit is refused instead of written, and a
 * recording is not started. A full disk under the JFR repository shuts the JVM down
 * (JDK-8280684); this is how the recorder stays clear of that.
 */
public class InsufficientSpaceException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with a message that names the directory, the space free and the
	 * space needed.
	 * @param message the message
	 */
	public InsufficientSpaceException(String message) {
		super(message);
	}

}

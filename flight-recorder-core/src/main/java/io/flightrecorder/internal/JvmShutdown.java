package io.flightrecorder.internal;

/**
 * Tells whether the JVM is exiting. Shutdown hooks run concurrently, and JFR's own hook
 * closes every recording and deletes the repository's chunks: once the JVM is exiting, a
 * snapshot may find its chunks gone, so only JFR's dump on exit can be relied on.
 */
public final class JvmShutdown {

	private JvmShutdown() {
	}

	/**
	 * Returns whether the JVM has begun to exit: then no shutdown hook can be added.
	 */
	public static boolean inProgress() {
		Thread probe = new Thread(() -> {
		});
		try {
			Runtime.getRuntime().addShutdownHook(probe);
			Runtime.getRuntime().removeShutdownHook(probe);
			return false;
		}
		catch (IllegalStateException ex) {
			return true;
		}
	}

}

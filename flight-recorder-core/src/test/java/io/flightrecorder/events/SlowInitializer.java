package io.flightrecorder.events;

/**
 * A class whose initializer blocks, which pins a virtual thread that runs it on every Java
 * version with virtual threads.
 */
final class SlowInitializer {

	static {
		try {
			Thread.sleep(300);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private SlowInitializer() {
	}

	static void touch() {
	}

}

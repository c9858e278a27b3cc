package io.flightrecorder.internal;

import java.util.function.Consumer;

/**
 * Tells listeners, one after the other: one that throws is logged and does not keep the
 * others from being told, nor the recorder from going on.
 */
public final class Listeners {

	private static final System.Logger logger = System.getLogger(Listeners.class.getName());

	private Listeners() {
	}

	/**
	 * Calls each listener in turn; a failure is logged and the next one is called.
	 */
	public static <L> void tellEach(Iterable<L> listeners, Consumer<L> call) {
		for (L listener : listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.log(System.Logger.Level.WARNING, "A flight recorder listener failed", ex);
			}
		}
	}

}

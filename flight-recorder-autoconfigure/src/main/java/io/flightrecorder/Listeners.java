package io.flightrecorder;

import java.util.function.Consumer;

/**
 * Tells listeners, one after the other: one that throws is logged and does not keep the
 * others from being told, nor the recorder from going on.
 */
final class Listeners {

	private static final System.Logger logger = System.getLogger(Listeners.class.getName());

	private Listeners() {
	}

	static <L> void tellEach(Iterable<L> listeners, Consumer<L> call) {
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

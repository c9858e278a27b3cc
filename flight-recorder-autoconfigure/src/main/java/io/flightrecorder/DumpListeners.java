package io.flightrecorder;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listeners of {@link DumpTriggers}, told in the order they were added; one that throws
 * does not keep the others from being told.
 */
final class DumpListeners implements DumpListener {

	private static final System.Logger logger = System.getLogger(DumpListeners.class.getName());

	private final List<DumpListener> listeners = new CopyOnWriteArrayList<>();

	void add(DumpListener listener) {
		this.listeners.add(listener);
	}

	@Override
	public void fired(String trigger) {
		tell((listener) -> listener.fired(trigger));
	}

	@Override
	public void skipped(String trigger, DumpSkippedException.Limit limit) {
		tell((listener) -> listener.skipped(trigger, limit));
	}

	@Override
	public void written(SavedDump dump) {
		tell((listener) -> listener.written(dump));
	}

	@Override
	public void failed(String trigger, Exception failure) {
		tell((listener) -> listener.failed(trigger, failure));
	}

	private void tell(java.util.function.Consumer<DumpListener> call) {
		for (DumpListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.log(System.Logger.Level.WARNING, "A flight recorder dump listener failed", ex);
			}
		}
	}

}

package io.flightrecorder.dump;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.flightrecorder.internal.Listeners;

/**
 * The listeners of {@link DumpTriggers}, told in the order they were added; one that throws
 * does not keep the others from being told.
 */
final class DumpListeners implements DumpListener {

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

	private void tell(Consumer<DumpListener> call) {
		Listeners.tellEach(this.listeners, call);
	}

}

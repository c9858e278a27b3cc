package io.flightrecorder.dump;

/**
 * Told of what {@link DumpTriggers} do, for metrics, logs and alerting; added with
 * {@link DumpTriggers#addListener}, several may be. Called on the firing thread
 * ({@link #fired}, {@link #skipped}) or the thread that writes dumps ({@link #written},
 * {@link #failed}); every method must be quick and must not throw.
 */
public interface DumpListener {

	/**
	 * Called for every firing, before its rate limits are checked.
	 * @param trigger the trigger's name
	 */
	default void fired(String trigger) {
	}

	/**
	 * Called when a firing writes nothing because of a rate limit.
	 * @param trigger the trigger's name
	 * @param limit the limit that held it back
	 */
	default void skipped(String trigger, DumpSkippedException.Limit limit) {
	}

	/**
	 * Called when a dump has been written.
	 * @param dump the dump
	 */
	default void written(SavedDump dump) {
	}

	/**
	 * Called when a dump could not be written.
	 * @param trigger the trigger's name
	 * @param failure why
	 */
	default void failed(String trigger, Exception failure) {
	}

}

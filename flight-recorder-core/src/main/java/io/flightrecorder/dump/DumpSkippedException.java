package io.flightrecorder.dump;

/**
 * A firing of a trigger that wrote no dump because a rate limit held it back.
 */
public class DumpSkippedException extends IllegalStateException {

	private final Limit limit;

	DumpSkippedException(String trigger, Limit limit) {
		super("No dump for '" + trigger + "': " + limit.description);
		this.limit = limit;
	}

	/**
	 * Returns the limit that held the firing back.
	 * @return the limit
	 */
	public Limit getLimit() {
		return this.limit;
	}

	/**
	 * The rate limits of {@link DumpTriggers}.
	 */
	public enum Limit {

		/**
		 * The same trigger wrote a dump for the same key less than its cooldown ago.
		 */
		COOLDOWN("it fired for the same key less than its cooldown ago"),

		/**
		 * Some trigger wrote a dump less than the global cooldown ago.
		 */
		GLOBAL_COOLDOWN("a dump was written less than the global cooldown ago");

		private final String description;

		Limit(String description) {
			this.description = description;
		}

	}

}

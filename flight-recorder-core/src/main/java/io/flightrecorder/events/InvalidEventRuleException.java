package io.flightrecorder.events;

/**
 * Thrown when an event rule names what this JVM does not have, or gives a value of the wrong
 * kind; says which part of the rule is wrong, so that a configuration can name its property.
 */
public class InvalidEventRuleException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String part;

	/**
	 * Creates the exception.
	 * @param part the part of the rule that is wrong: {@code event}, {@code field} or
	 * {@code above}
	 * @param message what is wrong, and what exists
	 */
	public InvalidEventRuleException(String part, String message) {
		super(message);
		this.part = part;
	}

	/**
	 * Returns the part of the rule that is wrong.
	 * @return {@code event}, {@code field} or {@code above}
	 */
	public String part() {
		return this.part;
	}

}

package io.flightrecorder.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.validation.FieldError;

/**
 * Explains an invalid {@code flight-recorder.*} property: which property, which value, why it
 * was refused, and what is accepted, as its {@link PropertyDescriptions description} in the
 * configuration metadata says. Ordered before Spring Boot's generic bind failure analysis,
 * which does not say what is accepted.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class FlightRecorderPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	private static final String PREFIX = "flight-recorder.";

	private final SingletonSupplier<PropertyDescriptions> descriptions = SingletonSupplier
		.of(() -> PropertyDescriptions.load(getClass().getClassLoader()));

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (cause.getCause() instanceof BindValidationException validation) {
			FieldError error = validation.getValidationErrors()
				.getAllErrors()
				.stream()
				.filter(FieldError.class::isInstance)
				.map(FieldError.class::cast)
				.findFirst()
				.orElse(null);
			return (error != null) ? analysis(cause.getName() + "." + error.getField(), rejected(error), "",
					String.valueOf(error.getDefaultMessage()), cause) : null;
		}
		ConfigurationProperty property = cause.getProperty();
		String name = ((property != null) ? property.getName() : cause.getName()).toString();
		String value = (property != null) ? String.valueOf(property.getValue()) : "(none)";
		String origin = (property != null && property.getOrigin() != null) ? " (from " + property.getOrigin() + ")"
				: "";
		return analysis(name, value, origin, reason(cause), cause);
	}

	private @Nullable FailureAnalysis analysis(String name, String value, String origin, String reason,
			BindException cause) {
		String accepted = name.startsWith(PREFIX) ? this.descriptions.obtain().accepted(name) : null;
		if (accepted == null) {
			return null;
		}
		String description = "Invalid value '" + value + "' for property '" + name + "'" + origin + ": " + reason;
		return new FailureAnalysis(description, "Set '" + name + "' to " + accepted, cause);
	}

	/**
	 * Returns the value the validator rejected, as given, or {@code (none)} for a value
	 * missing.
	 */
	private static String rejected(FieldError error) {
		Object value = error.getRejectedValue();
		return (value == null || "".equals(value)) ? "(none)" : String.valueOf(value);
	}

	private static String reason(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return String.valueOf(cause.getMessage());
	}

}

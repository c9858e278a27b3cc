package io.flightrecorder.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when a rule on JFR's events is turned on under {@code flight-recorder.triggers}:
 * a ready-made one enabled, or an entry of {@code events}.
 */
class OnEventRulesCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean on = Binder.get(context.getEnvironment())
			.bind("flight-recorder.triggers", FlightRecorderTriggersProperties.class)
			.map(FlightRecorderTriggersProperties::hasEventRules)
			.orElse(false);
		return on ? ConditionOutcome.match("a flight recorder event rule is on")
				: ConditionOutcome.noMatch("no flight recorder event rule is on");
	}

}

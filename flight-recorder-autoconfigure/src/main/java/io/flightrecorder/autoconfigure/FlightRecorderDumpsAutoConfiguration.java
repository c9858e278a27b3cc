package io.flightrecorder.autoconfigure;

import java.util.List;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.dump.DumpListener;
import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.events.DeadlockCheck;
import io.flightrecorder.events.EventTriggers;
import io.flightrecorder.trigger.CrashDump;
import io.flightrecorder.trigger.ErrorObservationTrigger;
import io.flightrecorder.trigger.ExitDump;
import io.flightrecorder.trigger.MeterThreshold;
import io.flightrecorder.trigger.MeterThresholdTriggers;
import io.flightrecorder.trigger.SlowObservationTrigger;
import io.flightrecorder.trigger.WatchedObservations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationHandler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the {@link DumpTriggers}, which users may also fire from code, of
 * the {@link SavedDumps} they write, and of the triggers that
 * {@code flight-recorder.triggers.*} and {@code flight-recorder.dumps.on-exit} turn on: on
 * observations, on meters, and on JFR's own events.
 */
@AutoConfiguration(after = FlightRecorderAutoConfiguration.class)
@ConditionalOnBean(FlightRecorder.class)
@EnableConfigurationProperties({ FlightRecorderDumpsProperties.class, FlightRecorderTriggersProperties.class })
public final class FlightRecorderDumpsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SavedDumps flightRecorderSavedDumps(FlightRecorderDumpsProperties dumps, FlightRecorderProperties properties,
			Environment environment) {
		return new SavedDumps(dumps.getDirectory(), environment.getProperty("spring.application.name", "application"),
				dumps.getMaxCount(), dumps.getMaxTotalSize().toBytes(), properties.getMinFreeSpace().toBytes());
	}

	@Bean
	@ConditionalOnMissingBean
	DumpTriggers flightRecorderDumpTriggers(FlightRecorder recorder, SavedDumps dumps,
			FlightRecorderTriggersProperties triggers, ObjectProvider<DumpListener> listeners) {
		DumpTriggers dumpTriggers = new DumpTriggers(recorder, dumps, triggers.getGlobalCooldown(),
				triggers.getDelay());
		listeners.orderedStream().forEach(dumpTriggers::addListener);
		return dumpTriggers;
	}

	@Bean
	@ConditionalOnBooleanProperty("flight-recorder.dumps.on-exit")
	ExitDump flightRecorderExitDump(DumpTriggers triggers) {
		return new ExitDump(triggers, FlightRecorderLifecycle.PHASE + 1);
	}

	@Bean
	@ConditionalOnBooleanProperty("flight-recorder.dumps.on-exit")
	FlightRecorderConfigCustomizer flightRecorderJfrExitDump(SavedDumps dumps, FlightRecorderProperties properties) {
		return (config) -> config
			.exitDump(ExitDump.prepareJfrExitDump(dumps, properties.getRedaction().redactedEvents()));
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "flight-recorder.dumps.on-crash", matchIfMissing = true)
	CrashDump flightRecorderCrashDump(SavedDumps dumps, FlightRecorderProperties properties) {
		return new CrashDump(dumps, properties.getRedaction().redactedEvents());
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "flight-recorder.dumps.on-crash", matchIfMissing = true)
	FlightRecorderConfigCustomizer flightRecorderCrashHandler(CrashDump crashDump) {
		return (config) -> config.crashHandler(crashDump);
	}

	/**
	 * The observation triggers, which the observation handler of
	 * {@link FlightRecorderObservationAutoConfiguration} tells of each stopped observation.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationHandler.class)
	static class ObservationTriggersConfiguration {

		@Bean
		@ConditionalOnBooleanProperty("flight-recorder.triggers.slow-observation.enabled")
		SlowObservationTrigger flightRecorderSlowObservationTrigger(DumpTriggers triggers,
				FlightRecorderTriggersProperties properties, Environment environment) {
			FlightRecorderTriggersProperties.SlowObservation slow = properties.getSlowObservation();
			return new SlowObservationTrigger(watched(slow, properties, environment), slow.getThreshold(),
					triggers.trigger("slow-observation", slow.getCooldown()), lookupPath(environment));
		}

		@Bean
		@ConditionalOnBooleanProperty("flight-recorder.triggers.error.enabled")
		ErrorObservationTrigger flightRecorderErrorObservationTrigger(DumpTriggers triggers,
				FlightRecorderTriggersProperties properties, Environment environment) {
			FlightRecorderTriggersProperties.ServerError error = properties.getError();
			return new ErrorObservationTrigger(watched(error, properties, environment),
					triggers.trigger("error", error.getCooldown()), lookupPath(environment));
		}

		/**
		 * Returns the path of the {@code flightdumps} endpoint, as the actuator maps it.
		 */
		private static String lookupPath(Environment environment) {
			return environment.getProperty("management.endpoints.web.base-path", "/actuator") + "/"
					+ environment.getProperty("management.endpoints.web.path-mapping.flightdumps", "flightdumps");
		}

		/**
		 * Returns the observations a trigger watches: without the actuator's requests unless
		 * asked for, and unless the actuator's base path is the root, where they cannot be
		 * told from the application's.
		 */
		private static WatchedObservations watched(FlightRecorderTriggersProperties.AbstractObservationTrigger trigger,
				FlightRecorderTriggersProperties properties, Environment environment) {
			String basePath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
			boolean ignoreActuator = !properties.isIncludeActuator() && !basePath.isEmpty()
					&& !basePath.equals("/");
			return new WatchedObservations(trigger.getObservations(), ignoreActuator ? List.of(basePath) : List.of());
		}

	}

	/**
	 * The triggers on JFR's own events, and the events they need, which the ring then
	 * records whatever its settings say.
	 */
	@Configuration(proxyBeanMethods = false)
	static class EventTriggersConfiguration {

		@Bean
		@Conditional(OnEventRulesCondition.class)
		FlightRecorderConfigCustomizer flightRecorderRequiredEvents(FlightRecorderTriggersProperties properties) {
			return (config) -> config.requiredEvents(EventTriggers.requiredEvents(properties.eventRules().keySet()));
		}

		@Bean
		@ConditionalOnMissingBean
		@Conditional(OnEventRulesCondition.class)
		EventTriggers flightRecorderEventTriggers(DumpTriggers triggers, FlightRecorderTriggersProperties properties) {
			return new EventTriggers(triggers, properties.eventRules());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty("flight-recorder.triggers.deadlock.enabled")
		DeadlockCheck flightRecorderDeadlockCheck(DumpTriggers triggers, FlightRecorderTriggersProperties properties) {
			FlightRecorderTriggersProperties.Deadlock deadlock = properties.getDeadlock();
			return new DeadlockCheck(triggers, deadlock.getCheckInterval(), deadlock.getCooldown());
		}

		@Bean
		EventTriggersLifecycle flightRecorderEventTriggersLifecycle(ObjectProvider<EventTriggers> events,
				ObjectProvider<DeadlockCheck> deadlocks) {
			return new EventTriggersLifecycle(events.getIfAvailable(), deadlocks.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MeterTriggersConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MeterThresholdTriggers flightRecorderMeterThresholdTriggers(DumpTriggers triggers,
				FlightRecorderTriggersProperties properties, ObjectProvider<MeterRegistry> registry) {
			List<MeterThreshold> thresholds = properties.getMeters()
				.stream()
				.map((meter) -> new MeterThreshold(meter.getName(), meter.getTags(), meter.getStatistic(),
						meter.getAbove(), triggers.trigger("meter-" + meter.getName(), meter.getCooldown())))
				.toList();
			return new MeterThresholdTriggers(registry::getIfAvailable, thresholds,
					properties.getMeterCheckInterval());
		}

	}

}

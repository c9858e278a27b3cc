package io.flightrecorder.autoconfigure;

import io.flightrecorder.Jfr;
import io.flightrecorder.internal.BackgroundWork;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Initializes JFR as soon as the environment is known, on a thread of its own while the
 * application context starts, before most of the application's classes are loaded and
 * compiled ({@link Jfr#initialize()}), unless {@code flight-recorder.enabled}
 * is {@code false} or {@code flight-recorder.start-in-background} is {@code true}, which
 * trades this for a faster start: on JDK 17 on two cores, the initialization competing
 * with the application's start-up delays it by about as much as it takes (an invalid value
 * is reported later, when the properties are bound). Initializing records nothing; the
 * recording still starts with the application context.
 */
class FlightRecorderEarlyInitializer implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		String enabled = event.getEnvironment().getProperty("flight-recorder.enabled", "true");
		String inBackground = event.getEnvironment().getProperty("flight-recorder.start-in-background", "false");
		if (!"false".equalsIgnoreCase(enabled.trim()) && !"true".equalsIgnoreCase(inBackground.trim())
				&& OnFlightRecorderAvailableCondition.whyUnavailable(getClass().getClassLoader()) == null) {
			Thread thread = BackgroundWork.newThread("init",
					BackgroundWork.logFailures("Initializing JFR early", Jfr::initialize));
			thread.start();
		}
	}

}

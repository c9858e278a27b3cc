package io.flightrecorder.autoconfigure;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.util.ClassUtils;

/**
 * Initializes JFR as soon as the environment is known, on a thread of its own while the
 * application context starts, before most of the application's classes are loaded and
 * compiled, unless {@code flight-recorder.enabled} is {@code false} or
 * {@code flight-recorder.start-in-background} is {@code true}, which trades this for a
 * faster start (an invalid value is reported later, when the properties are bound). Measured on JDK 17: with JFR initialized only when the recording starts,
 * after start-up, a web application served a quarter to a third fewer requests per second
 * than without JFR; with JFR initialized at JVM start, it served as many (see
 * docs/performance.md). Initializing JFR records nothing; the recording still starts with
 * the application context.
 */
class FlightRecorderEarlyInitializer implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		String enabled = event.getEnvironment().getProperty("flight-recorder.enabled", "true");
		String inBackground = event.getEnvironment().getProperty("flight-recorder.start-in-background", "false");
		if (!"false".equalsIgnoreCase(enabled.trim()) && !"true".equalsIgnoreCase(inBackground.trim()) && ClassUtils.isPresent("jdk.jfr.FlightRecorder", getClass().getClassLoader())
				&& jdk.jfr.FlightRecorder.isAvailable()) {
			Thread thread = new Thread(jdk.jfr.FlightRecorder::getFlightRecorder, "flight-recorder-init");
			thread.setDaemon(true);
			thread.start();
		}
	}

}

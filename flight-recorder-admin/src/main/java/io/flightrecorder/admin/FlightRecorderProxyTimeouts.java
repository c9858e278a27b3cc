package io.flightrecorder.admin;

import java.time.Duration;
import java.util.List;

import de.codecentric.boot.admin.server.config.AdminServerProperties;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Gives the instance proxy of Spring Boot Admin time for the flight recorder's endpoints.
 * The proxy answers 504 when an instance has not started its answer within
 * {@code spring.boot.admin.monitor.default-timeout} (10 s by default), and a report page
 * starts its answer only once built, which may take up to {@code flight-recorder.report.timeout}
 * (60 s by default) on the instance. So {@code flightrecording} and {@code flightdumps} get
 * {@link #TIMEOUT} unless {@code spring.boot.admin.monitor.timeout.flightrecording} (or
 * {@code .flightdumps}) is set. The timeout bounds the wait for the answer's start only: a
 * large download that has started streams for as long as it takes.
 */
final class FlightRecorderProxyTimeouts implements BeanPostProcessor {

	/**
	 * The report's own default time limit, and a margin for its answer to start.
	 */
	static final Duration TIMEOUT = Duration.ofSeconds(65);

	private static final List<String> ENDPOINTS = List.of("flightrecording", "flightdumps");

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AdminServerProperties properties) {
			ENDPOINTS.forEach((endpoint) -> properties.getMonitor().getTimeout().putIfAbsent(endpoint, TIMEOUT));
		}
		return bean;
	}

}

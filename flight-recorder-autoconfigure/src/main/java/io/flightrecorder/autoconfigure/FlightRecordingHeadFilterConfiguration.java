package io.flightrecorder.autoconfigure;

import java.util.function.Supplier;

import io.flightrecorder.actuate.FlightRecordingEndpoint;
import io.flightrecorder.actuate.FlightRecordingHeadFilter;
import io.flightrecorder.actuate.FlightRecordingHeadWebFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;

/**
 * The filters that answer {@code HEAD} requests to the {@link FlightRecordingEndpoint}
 * without a snapshot, on Spring MVC or Spring WebFlux. They belong to the context whose web
 * server serves the actuator: the application's, or, with a management port of its own, the
 * actuator's child context, whose requests the application's filters do not see.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnAvailableEndpoint(FlightRecordingEndpoint.class)
class FlightRecordingHeadFilterConfiguration {

	/**
	 * Returns the path of the flight recording endpoint within the application, looked up at
	 * the first request, once the endpoints are mapped. The path is empty, matching no
	 * request, when the endpoint is not exposed over HTTP.
	 */
	private static Supplier<String> path(ObjectProvider<PathMappedEndpoints> endpoints) {
		return SingletonSupplier.of(() -> {
			PathMappedEndpoints mapped = endpoints.getIfAvailable();
			String path = (mapped != null) ? mapped.getPath(FlightRecordingEndpointAutoConfiguration.FLIGHT_RECORDING) : null;
			return (path != null) ? path : "";
		});
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = "jakarta.servlet.Filter")
	static class ServletConfiguration {

		@Bean
		FlightRecordingHeadFilter flightRecordingHeadFilter(FlightRecordingEndpoint endpoint,
				ObjectProvider<PathMappedEndpoints> endpoints) {
			return new FlightRecordingHeadFilter(endpoint, path(endpoints));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.web.server.WebFilter")
	static class ReactiveConfiguration {

		@Bean
		FlightRecordingHeadWebFilter flightRecordingHeadWebFilter(FlightRecordingEndpoint endpoint,
				ObjectProvider<PathMappedEndpoints> endpoints) {
			return new FlightRecordingHeadWebFilter(endpoint, path(endpoints));
		}

	}

}

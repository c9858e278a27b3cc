package io.flightrecorder.admin;

import de.codecentric.boot.admin.server.config.AdminServerProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Wires the Spring Boot Admin server's side of the "Flight recorder" tab (the tab itself is
 * the extension under {@code META-INF/spring-boot-admin-server-ui/extensions/flight-recorder}).
 */
@AutoConfiguration
@ConditionalOnClass(AdminServerProperties.class)
public final class FlightRecorderAdminAutoConfiguration {

	@Bean
	static FlightRecorderProxyTimeouts flightRecorderProxyTimeouts() {
		return new FlightRecorderProxyTimeouts();
	}

}

package io.flightrecorder.admin;

import java.time.Duration;

import de.codecentric.boot.admin.server.config.AdminServerProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy timeouts the module gives Spring Boot Admin. (The browser test's instance that
 * answers after 30 s shows them at work: Spring Boot Admin's default would answer 504 after
 * 10 s.)
 */
class FlightRecorderAdminAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FlightRecorderAdminAutoConfiguration.class))
		.withUserConfiguration(AdminServerPropertiesConfiguration.class);

	@Test
	void flightRecorderEndpointsWaitForAReport() {
		this.runner.run((context) -> assertThat(context.getBean(AdminServerProperties.class).getMonitor().getTimeout())
			.containsEntry("flightrecording", Duration.ofSeconds(65))
			.containsEntry("flightdumps", Duration.ofSeconds(65))
			.doesNotContainKey("health"));
	}

	@Test
	void timeoutsSetForTheEndpointsAreKept() {
		this.runner.withPropertyValues("spring.boot.admin.monitor.timeout.flightrecording=2m")
			.run((context) -> assertThat(context.getBean(AdminServerProperties.class).getMonitor().getTimeout())
				.containsEntry("flightrecording", Duration.ofMinutes(2))
				.containsEntry("flightdumps", Duration.ofSeconds(65)));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AdminServerProperties.class)
	static class AdminServerPropertiesConfiguration {

	}

}

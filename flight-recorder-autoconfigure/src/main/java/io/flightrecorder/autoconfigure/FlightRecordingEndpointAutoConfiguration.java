package io.flightrecorder.autoconfigure;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.actuate.FlightRecordingEndpoint;
import io.flightrecorder.actuate.FlightRecordingHttpMessageConverter;
import io.flightrecorder.actuate.FlightRecordingHttpMessageWriter;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.converter.HttpMessageConverter;

/**
 * Auto-configuration of the {@link FlightRecordingEndpoint} and of the message writer that
 * streams its snapshots on Spring MVC or Spring WebFlux.
 */
@AutoConfiguration(after = FlightRecorderAutoConfiguration.class)
@ConditionalOnAvailableEndpoint(FlightRecordingEndpoint.class)
@ConditionalOnBean(FlightRecorder.class)
public final class FlightRecordingEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FlightRecordingEndpoint flightRecordingEndpoint(FlightRecorder recorder, Environment environment) {
		return new FlightRecordingEndpoint(recorder, environment.getProperty("spring.application.name", "application"));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(HttpMessageConverter.class)
	static class ServletConfiguration {

		@Bean
		FlightRecordingHttpMessageConverter flightRecordingHttpMessageConverter() {
			return new FlightRecordingHttpMessageConverter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(CodecCustomizer.class)
	static class ReactiveConfiguration {

		@Bean
		CodecCustomizer flightRecordingCodecCustomizer() {
			return (configurer) -> configurer.customCodecs().register(new FlightRecordingHttpMessageWriter());
		}

	}

}

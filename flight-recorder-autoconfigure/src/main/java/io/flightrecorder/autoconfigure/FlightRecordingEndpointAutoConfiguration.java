package io.flightrecorder.autoconfigure;

import java.util.function.Supplier;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.actuate.FlightRecorderDumpsEndpoint;
import io.flightrecorder.actuate.FlightRecordingBoosts;
import io.flightrecorder.actuate.FlightRecordingEndpoint;
import io.flightrecorder.actuate.FlightRecordingHeadFilter;
import io.flightrecorder.actuate.FlightRecordingHeadWebFilter;
import io.flightrecorder.actuate.FlightRecordingHttpMessageConverter;
import io.flightrecorder.actuate.FlightRecordingHttpMessageWriter;
import io.flightrecorder.actuate.FlightRecordingReports;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.report.RecordingReport;
import io.flightrecorder.report.ReportSubject;
import io.flightrecorder.storage.DumpStorage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of the {@link FlightRecordingEndpoint}, of the
 * {@link FlightRecorderDumpsEndpoint}, each when it is available (enabled and exposed), of
 * their report pages when JMC's rules library and async-profiler's converter are on the
 * class path, and of the message writer that streams their {@code .jfr} files on Spring MVC
 * or Spring WebFlux.
 */
@AutoConfiguration(after = { FlightRecorderAutoConfiguration.class, FlightRecorderDumpsAutoConfiguration.class,
		FlightRecorderStorageAutoConfiguration.class })
@ConditionalOnBean(FlightRecorder.class)
public final class FlightRecordingEndpointAutoConfiguration {

	private static final EndpointId FLIGHT_RECORDING = EndpointId.of("flightrecording");

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	FlightRecordingEndpoint flightRecordingEndpoint(FlightRecorder recorder, Environment environment,
			FlightRecordingReports reports, FlightRecorderProperties properties) {
		return new FlightRecordingEndpoint(recorder, applicationName(environment), reports,
				new FlightRecordingBoosts(RecordingSettings.boostPresets(properties),
						properties.getBoost().getMaxDuration()));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	@ConditionalOnBean(SavedDumps.class)
	FlightRecorderDumpsEndpoint flightRecorderDumpsEndpoint(SavedDumps dumps, Environment environment,
			FlightRecordingReports reports, ObjectProvider<DumpStorage> storage) {
		return new FlightRecorderDumpsEndpoint(dumps, applicationName(environment), reports, storage.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	FlightRecordingReports flightRecordingReports(ObjectProvider<RecordingReport> report, Environment environment) {
		return new FlightRecordingReports(report.getIfAvailable(), SingletonSupplier.of(ReportSubject::localInstance),
				environment.getProperty("management.endpoints.web.path-mapping." + FLIGHT_RECORDING,
						FLIGHT_RECORDING.toString()));
	}

	private static String applicationName(Environment environment) {
		return environment.getProperty("spring.application.name", "application");
	}

	/**
	 * Returns the path of the flight recording endpoint within the application, looked up at
	 * the first request, once the endpoints are mapped. The path is empty, matching no
	 * request, when the endpoint is not exposed over HTTP.
	 */
	private static Supplier<String> path(ObjectProvider<PathMappedEndpoints> endpoints) {
		return SingletonSupplier.of(() -> {
			PathMappedEndpoints mapped = endpoints.getIfAvailable();
			String path = (mapped != null) ? mapped.getPath(FLIGHT_RECORDING) : null;
			return (path != null) ? path : "";
		});
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "one.convert.FlameGraph", "org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit" })
	static class ReportConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RecordingReport recordingReport() {
			return new RecordingReport();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(HttpMessageConverter.class)
	static class ServletConfiguration {

		@Bean
		FlightRecordingHttpMessageConverter flightRecordingHttpMessageConverter() {
			return new FlightRecordingHttpMessageConverter();
		}

		@Bean
		@ConditionalOnAvailableEndpoint(FlightRecordingEndpoint.class)
		@ConditionalOnClass(name = "jakarta.servlet.Filter")
		FlightRecordingHeadFilter flightRecordingHeadFilter(FlightRecordingEndpoint endpoint,
				ObjectProvider<PathMappedEndpoints> endpoints) {
			return new FlightRecordingHeadFilter(endpoint, path(endpoints));
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

		@Bean
		@ConditionalOnAvailableEndpoint(FlightRecordingEndpoint.class)
		FlightRecordingHeadWebFilter flightRecordingHeadWebFilter(FlightRecordingEndpoint endpoint,
				ObjectProvider<PathMappedEndpoints> endpoints) {
			return new FlightRecordingHeadWebFilter(endpoint, path(endpoints));
		}

	}

}

package io.flightrecorder.autoconfigure;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.actuate.FlightRecorderDumpsEndpoint;
import io.flightrecorder.actuate.FlightRecordingBoosts;
import io.flightrecorder.actuate.FlightRecordingEndpoint;
import io.flightrecorder.actuate.FlightRecordingHttpMessageConverter;
import io.flightrecorder.actuate.FlightRecordingHttpMessageWriter;
import io.flightrecorder.actuate.FlightRecordingReports;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.report.RecordingReport;
import io.flightrecorder.report.ReportSubject;
import io.flightrecorder.storage.DumpStorage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
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

	static final EndpointId FLIGHT_RECORDING = EndpointId.of("flightrecording");

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
	 * The HEAD filters in the application's context, whose web server serves the actuator
	 * unless it has a port of its own ({@link FlightRecordingManagementContextConfiguration}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnManagementPort(ManagementPortType.SAME)
	@Import(FlightRecordingHeadFilterConfiguration.class)
	static class SameManagementPortConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "one.convert.FlameGraph", "org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit" })
	static class ReportConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RecordingReport recordingReport(FlightRecorderProperties properties) {
			return new RecordingReport(properties.getReport().options());
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

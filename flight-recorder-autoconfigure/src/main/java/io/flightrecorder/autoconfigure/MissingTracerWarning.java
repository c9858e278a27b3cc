package io.flightrecorder.autoconfigure;

import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Warns once, when the application has started its beans, that Micrometer Tracing is on the
 * class path but no tracer traces: the observation events then carry no trace ID, and no
 * dump can be found by one. On Spring Boot 4 a tracing bridge alone
 * ({@code micrometer-tracing-bridge-brave} or {@code -otel}) configures no tracer; Boot's
 * modules do.
 */
final class MissingTracerWarning implements SmartInitializingSingleton {

	private static final System.Logger logger = System.getLogger(MissingTracerWarning.class.getName());

	private final ObjectProvider<Tracer> tracer;

	MissingTracerWarning(ObjectProvider<Tracer> tracer) {
		this.tracer = tracer;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Tracer tracer = this.tracer.getIfUnique();
		if (tracer == null || tracer == Tracer.NOOP) {
			logger.log(System.Logger.Level.WARNING, "Micrometer Tracing is on the class path, but no Tracer bean "
					+ "traces: the flight recorder's observation events carry no trace ID, and no dump can be found "
					+ "by one. On Spring Boot 4, add org.springframework.boot:spring-boot-micrometer-tracing-brave "
					+ "(Brave) or spring-boot-starter-opentelemetry (OpenTelemetry); a bridge alone "
					+ "(micrometer-tracing-bridge-*) configures no tracer. See docs/tracing.md");
		}
	}

}

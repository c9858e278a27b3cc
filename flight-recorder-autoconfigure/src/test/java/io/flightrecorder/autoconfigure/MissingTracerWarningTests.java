package io.flightrecorder.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warning at start-up when Micrometer Tracing is on the class path but nothing traces.
 */
class MissingTracerWarningTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FlightRecorderAutoConfiguration.class,
				FlightRecorderObservationAutoConfiguration.class));

	private final Logger logger = Logger.getLogger(MissingTracerWarning.class.getName());

	private final List<String> warnings = new CopyOnWriteArrayList<>();

	private final Handler handler = new Handler() {

		@Override
		public void publish(LogRecord record) {
			MissingTracerWarningTests.this.warnings.add(record.getLevel() + " " + record.getMessage());
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	};

	@BeforeEach
	void listen() {
		this.logger.addHandler(this.handler);
	}

	@AfterEach
	void stopListening() {
		this.logger.removeHandler(this.handler);
	}

	@Test
	void withoutATracerItWarnsOnceSayingWhichModuleToAdd() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(this.warnings).singleElement()
				.asString()
				.startsWith("WARNING Micrometer Tracing is on the class path, but no Tracer bean traces")
				.contains("spring-boot-micrometer-tracing-brave")
				.contains("spring-boot-starter-opentelemetry");
		});
	}

	@Test
	void withTheNoopTracerItWarns() {
		this.contextRunner.withBean(Tracer.class, () -> Tracer.NOOP)
			.run((context) -> assertThat(this.warnings).hasSize(1));
	}

	@Test
	void withATracerItIsQuiet() {
		this.contextRunner.withBean(Tracer.class, SimpleTracer::new)
			.run((context) -> assertThat(this.warnings).isEmpty());
	}

	@Test
	void withoutMicrometerTracingItIsQuiet() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Tracer.class))
			.run((context) -> assertThat(this.warnings).isEmpty());
	}

}

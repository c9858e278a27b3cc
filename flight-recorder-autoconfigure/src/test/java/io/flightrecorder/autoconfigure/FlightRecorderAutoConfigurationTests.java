package io.flightrecorder.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import io.flightrecorder.Recordings;
import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.report.ReportOptions;
import io.micrometer.core.instrument.Statistic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FlightRecorderAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FlightRecorderAutoConfiguration.class));

	@Test
	void recorderRunsWhileTheContextIsOpen() {
		AtomicReference<FlightRecorder> recorder = new AtomicReference<>();
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(FlightRecorder.class).hasSingleBean(FlightRecorderLifecycle.class);
			recorder.set(context.getBean(FlightRecorder.class));
			assertThat(recorder.get().isEnabled()).isTrue();
		});
		assertThat(recorder.get().isEnabled()).isFalse();
	}

	@Test
	void recorderStartedInTheBackgroundRunsSoonAfterTheContextStartsAndStopsWithIt() {
		AtomicReference<FlightRecorder> recorder = new AtomicReference<>();
		this.contextRunner.withPropertyValues("flight-recorder.start-in-background=true").run((context) -> {
			recorder.set(context.getBean(FlightRecorder.class));
			assertThat(context.getBean(FlightRecorderLifecycle.class).isRunning()).isTrue();
			await().atMost(Duration.ofSeconds(30)).until(recorder.get()::isEnabled);
		});
		assertThat(recorder.get().isEnabled()).isFalse();
	}

	@Test
	void closingWhileStartingInTheBackgroundWaitsForTheStartThenStops() {
		AtomicReference<FlightRecorder> recorder = new AtomicReference<>();
		this.contextRunner.withPropertyValues("flight-recorder.start-in-background=true")
			.run((context) -> recorder.set(context.getBean(FlightRecorder.class)));
		assertThat(recorder.get().isEnabled()).isFalse();
		assertThat(Thread.getAllStackTraces().keySet()).noneMatch((thread) -> thread.getName()
			.equals("flight-recorder-start"));
	}

	@Test
	void defaultsAreTheRecordersDefaults() {
		FlightRecorderProperties properties = new FlightRecorderProperties();
		assertThat(properties.getSize().toBytes()).isEqualTo(FlightRecorderConfig.DEFAULTS.size());
		assertThat(properties.getPeriod()).isEqualTo(FlightRecorderConfig.DEFAULTS.period());
		assertThat(properties.getMinFreeSpace().toBytes()).isEqualTo(FlightRecorderConfig.DEFAULTS.minFreeSpace());
		assertThat(properties.getRedaction().redactedEvents()).isEqualTo(FlightRecorderConfig.DEFAULTS.redactedEvents());
		assertThat(properties.getRepository()).isNull();
		assertThat(properties.getSettings()).isEqualTo(FlightRecorderConfig.DEFAULTS.settings().name());
		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.isStartInBackground()).isFalse();
		FlightRecorderDumpsProperties dumps = new FlightRecorderDumpsProperties();
		assertThat(dumps.getMaxCount()).isEqualTo(SavedDumps.DEFAULT_MAX_COUNT);
		assertThat(dumps.getMaxTotalSize().toBytes()).isEqualTo(SavedDumps.DEFAULT_MAX_TOTAL_SIZE);
		FlightRecorderTriggersProperties triggers = new FlightRecorderTriggersProperties();
		assertThat(triggers.getGlobalCooldown()).isEqualTo(DumpTriggers.DEFAULT_GLOBAL_COOLDOWN);
		assertThat(triggers.getSlowObservation().getCooldown()).isEqualTo(DumpTriggers.DEFAULT_COOLDOWN);
		assertThat(triggers.getError().getCooldown()).isEqualTo(DumpTriggers.DEFAULT_COOLDOWN);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theGeneratedMetadataHasTheDefaultOfEveryPropertyThatHasOne() throws IOException {
		Map<String, Object> defaults = new TreeMap<>();
		for (String file : List.of("spring-configuration-metadata.json",
				"additional-spring-configuration-metadata.json")) {
			String json = new ClassPathResource("META-INF/" + file).getContentAsString(StandardCharsets.UTF_8);
			for (Object property : (List<?>) JsonParserFactory.getJsonParser().parseMap(json).get("properties")) {
				Map<?, ?> described = (Map<?, ?>) property;
				defaults.merge(String.valueOf(described.get("name")), Objects.requireNonNullElse(described.get("defaultValue"), ""),
						(generated, additional) -> generated.equals("") ? additional : generated);
			}
		}
		Set<String> withoutDefault = Set.of("flight-recorder.repository", "flight-recorder.triggers.meters",
				"flight-recorder.events", "flight-recorder.boost.presets", "flight-recorder.storage.bucket",
				"flight-recorder.storage.instance", "flight-recorder.storage.server-side-encryption",
				"flight-recorder.storage.search-applications", "flight-recorder.triggers.events",
				"flight-recorder.storage.kms-key-id");
		assertThat(defaults).isNotEmpty().allSatisfy((name, value) -> {
			if (name.startsWith("flight-recorder.") && !withoutDefault.contains(name)) {
				assertThat(value).as(name).isNotEqualTo("");
			}
		});
		assertThat(defaults).containsEntry("flight-recorder.dumps.max-count", 10)
			.containsEntry("flight-recorder.dumps.max-total-size", "100MB")
			.containsEntry("flight-recorder.triggers.global-cooldown", "10s")
			.containsEntry("flight-recorder.triggers.slow-observation.cooldown", "1m")
			.containsEntry("flight-recorder.triggers.error.observations", List.of("http.server.requests"));
		assertThat((List<Object>) defaults.get("flight-recorder.redaction.events"))
			.containsExactlyInAnyOrderElementsOf(FlightRecorderConfig.DEFAULTS.redactedEvents());
		FlightRecorderProperties.Report report = new Binder(new MapConfigurationPropertySource(Map.of(
				"report.build", defaults.get("flight-recorder.report.build"),
				"report.heap-share", defaults.get("flight-recorder.report.heap-share"),
				"report.timeout", defaults.get("flight-recorder.report.timeout"),
				"report.max-process-heap", defaults.get("flight-recorder.report.max-process-heap"))))
			.bind("report", FlightRecorderProperties.Report.class)
			.get();
		assertThat(report.options()).isEqualTo(ReportOptions.DEFAULTS);
		assertThat(new FlightRecorderProperties().getReport().options()).isEqualTo(ReportOptions.DEFAULTS);
		FlightRecorderProperties recorder = new Binder(new MapConfigurationPropertySource(Map.of("size",
				defaults.get("flight-recorder.size"), "period", defaults.get("flight-recorder.period"), "min-free-space",
				defaults.get("flight-recorder.min-free-space"), "settings", defaults.get("flight-recorder.settings"))))
			.bind("", FlightRecorderProperties.class)
			.get();
		assertThat(recorder.getSize().toBytes()).isEqualTo(FlightRecorderConfig.DEFAULTS.size());
		assertThat(recorder.getPeriod()).isEqualTo(FlightRecorderConfig.DEFAULTS.period());
		assertThat(recorder.getMinFreeSpace().toBytes()).isEqualTo(FlightRecorderConfig.DEFAULTS.minFreeSpace());
		assertThat(recorder.getSettings()).isEqualTo(FlightRecorderConfig.DEFAULTS.settings().name());
	}

	@Test
	void noRecorderWhenDisabled() {
		this.contextRunner.withPropertyValues("flight-recorder.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FlightRecorder.class)
				.doesNotHaveBean(FlightRecorderLifecycle.class));
	}

	@Test
	void backsOffForARecorderOfTheUsers() {
		this.contextRunner.withUserConfiguration(UserRecorderConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(FlightRecorder.class);
			assertThat(context.getBean(FlightRecorder.class)).isSameAs(context.getBean("userRecorder"));
			assertThat(Recordings.ring().getMaxSize()).isEqualTo(1024 * 1024);
		});
	}

	@Test
	void propertiesAreBound() {
		this.contextRunner.withPropertyValues("flight-recorder.size=2MB", "flight-recorder.period=30s")
			.run((context) -> {
				assertThat(context.getBean(FlightRecorder.class).isEnabled()).isTrue();
				assertThat(Recordings.ring().getMaxSize()).isEqualTo(2 * 1024 * 1024);
				assertThat(Recordings.ring().getMaxAge()).isEqualTo(Duration.ofSeconds(30));
			});
	}

	@Test
	void aMeterStatisticIsBoundAsWrittenInTheDocs() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(FlightRecorderDumpsAutoConfiguration.class))
			.withPropertyValues("flight-recorder.triggers.meters[0].name=jvm.gc.pause",
					"flight-recorder.triggers.meters[0].statistic=total-time")
			.run((context) -> assertThat(context.getBean(FlightRecorderTriggersProperties.class).getMeters())
				.singleElement()
				.extracting(FlightRecorderTriggersProperties.Meter::getStatistic)
				.isEqualTo(Statistic.TOTAL_TIME));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			flight-recorder.size=-1      | flight-recorder.size   | '-1'    | a data size: & Must be positive
			flight-recorder.size=0B      | flight-recorder.size   | '0B'    | a data size: & Must be positive
			flight-recorder.size=lots    | flight-recorder.size   | 'lots'  | a data size: & Must be positive
			flight-recorder.period=0s    | flight-recorder.period | '0s'    | a duration: & Must be positive
			flight-recorder.period=-5s   | flight-recorder.period | '-5s'   | a duration: & Must be positive
			flight-recorder.period=soon  | flight-recorder.period | 'soon'  | a duration: & Must be positive
			flight-recorder.enabled=perhaps | flight-recorder.enabled | 'perhaps' | true or false
			flight-recorder.observations.threshold=-1ms | flight-recorder.observations.threshold | '-1ms' | a duration: & Must not be negative
			flight-recorder.observations.threshold=long | flight-recorder.observations.threshold | 'long' | a duration: & Must not be negative
			flight-recorder.observations.enabled=often | flight-recorder.observations.enabled | 'often' | true or false
			flight-recorder.dumps.max-count=0 | flight-recorder.dumps.max-count | '0' | a whole number & Must be positive
			flight-recorder.dumps.max-total-size=0B | flight-recorder.dumps.max-total-size | '0B' | a data size: & Must be positive
			flight-recorder.triggers.global-cooldown=-1s | flight-recorder.triggers.global-cooldown | '-1s' | a duration: & Must not be negative
			flight-recorder.triggers.slow-observation.threshold=0s | flight-recorder.triggers.slow-observation.threshold | '0s' | a duration: & Must be positive
			flight-recorder.triggers.meter-check-interval=0s | flight-recorder.triggers.meter-check-interval | '0s' | a duration: & Must be positive
			flight-recorder.triggers.meters[0].above=high | flight-recorder.triggers.meters[0].above | 'high' | a number & such as 0.9
			flight-recorder.triggers.meters[0].above=0.9 | flight-recorder.triggers.meters[0].name | '(none)' | names the meter
			flight-recorder.triggers.include-actuator=sometimes | flight-recorder.triggers.include-actuator | 'sometimes' | true or false
			flight-recorder.storage.part-size=1MB | flight-recorder.storage.part-size | '1MB' | a data size: & at least 5MB
			flight-recorder.storage.checksum=sha1 | flight-recorder.storage.checksum | 'sha1' | one of crc32c, md5
			flight-recorder.storage.server-side-encryption=rot13 | flight-recorder.storage.server-side-encryption | 'rot13' | one of AES256, aws:kms, aws:kms:dsse
			flight-recorder.storage.max-count=-1 | flight-recorder.storage.max-count | '-1' | a whole number & 0, the default, keeps all & Must not be negative
			flight-recorder.storage.retry-interval=0s | flight-recorder.storage.retry-interval | '0s' | a duration: & Must be positive
			flight-recorder.storage.bucket=dumps,no-such-bucket | flight-recorder.storage.bucket | 'dumps,no-such-bucket' | the name of an existing bucket, 3 to 255 letters
			flight-recorder.report.build=elsewhere | flight-recorder.report.build | 'elsewhere' | one of auto, in-process, out-of-process
			flight-recorder.report.heap-share=1.5 | flight-recorder.report.heap-share | '1.5' | a number & above 0 and at most 1
			flight-recorder.report.heap-share=0 | flight-recorder.report.heap-share | '0' | a number & above 0 and at most 1
			flight-recorder.report.timeout=0s | flight-recorder.report.timeout | '0s' | a duration: & Must be positive
			flight-recorder.report.max-process-heap=0B | flight-recorder.report.max-process-heap | '0B' | a data size: & Must be positive
			""")
	void invalidValueFailsStartUpNamingThePropertyAndWhatIsAccepted(String property, String name, String value,
			String accepted) {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(FlightRecorderDumpsAutoConfiguration.class,
					FlightRecorderStorageAutoConfiguration.class))
			.withPropertyValues("flight-recorder.storage.bucket=dumps", property)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new FlightRecorderPropertiesFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("'" + name + "'").contains("Invalid value '" + value + "'");
				assertThat(analysis.getAction()).startsWith("Set '" + name + "' to ").contains(accepted.split(" & "));
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRecorderConfiguration {

		@Bean
		FlightRecorder userRecorder() {
			return new FlightRecorder(FlightRecorderConfig.builder().size(1024 * 1024).build());
		}

	}

}

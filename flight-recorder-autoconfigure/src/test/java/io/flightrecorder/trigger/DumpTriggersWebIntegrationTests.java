package io.flightrecorder.trigger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.flightrecorder.MarkerEvent;
import io.flightrecorder.Recordings;
import io.flightrecorder.actuate.WebApplications;
import io.flightrecorder.dump.DumpListener;
import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.observation.FlightRecorderObservationHandler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationHandler;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Triggers in a real web application: slow requests, server errors and meter thresholds
 * write dumps that hold what led up to them.
 */
class DumpTriggersWebIntegrationTests {

	@TempDir
	Path dumps;

	@Test
	void slowRequestsWithinTheCooldownWriteExactlyOneDumpHoldingTheRequestAndItsThread() throws Exception {
		try (ConfigurableApplicationContext context = start("flight-recorder.triggers.slow-observation.enabled=true",
				"flight-recorder.triggers.slow-observation.threshold=300ms")) {
			assertThat(request(context, "/busy").get()).isEqualTo(200);
			List<CompletableFuture<Integer>> storm = List.of(request(context, "/busy"), request(context, "/busy"));
			assertThat(storm).allSatisfy((request) -> assertThat(request.get()).isEqualTo(200));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(count(registry, "flightrecorder.dumps.fired")).isEqualTo(3);
				assertThat(count(registry, "flightrecorder.dumps.written")).isEqualTo(1);
			});
			assertThat(registry.get("flightrecorder.dumps.skipped")
				.tag("trigger", "slow-observation")
				.tag("limit", "cooldown")
				.counter()
				.count()).isEqualTo(2);
			List<SavedDump> saved = context.getBean(SavedDumps.class).list();
			assertThat(saved).singleElement().satisfies((dump) -> {
				assertThat(dump.name()).matches("application-\\d{8}T\\d{9}Z-slow-observation\\.jfr");
				assertThat(dump.trigger()).isEqualTo("slow-observation");
				assertThat(dump.reason()).contains("http.server.requests").contains("uri=/busy").contains("threshold 300 ms");
			});
			List<RecordedEvent> events = RecordingFile.readAllEvents(this.dumps.resolve(saved.get(0).name()));
			List<RecordedEvent> slowRequests = events.stream()
				.filter((event) -> event.getEventType().getName().equals("io.flightrecorder.Observation"))
				.filter((event) -> "/busy".equals(event.getString("uri")))
				.filter((event) -> event.getDuration().compareTo(Duration.ofMillis(300)) >= 0)
				.toList();
			assertThat(slowRequests).isNotEmpty();
			assertThat(slowRequests).anySatisfy((request) -> assertThat(events)
				.filteredOn((event) -> event.getEventType().getName().equals("jdk.ExecutionSample"))
				.filteredOn((event) -> event.getThread("sampledThread").getJavaThreadId() == request.getThread()
					.getJavaThreadId())
				.filteredOn((event) -> !event.getStartTime().isBefore(request.getStartTime())
						&& !event.getStartTime().isAfter(request.getEndTime()))
				.isNotEmpty());
		}
	}

	@Test
	void aSlowHealthProbeAtStartUpDoesNotHoldBackTheDumpOfASlowApplicationRequest() throws Exception {
		try (ConfigurableApplicationContext context = start("flight-recorder.triggers.slow-observation.enabled=true",
				"flight-recorder.triggers.slow-observation.threshold=300ms",
				"flight-recorder.triggers.slow-observation.cooldown=5m",
				"management.endpoints.web.exposure.include=health")) {
			assertThat(request(context, "/actuator/health").get()).isEqualTo(200);
			assertThat(request(context, "/busy").get()).isEqualTo(200);
			SavedDumps saved = context.getBean(SavedDumps.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> !saved.list().isEmpty());
			SavedDump dump = saved.list().get(0);
			assertThat(dump.reason()).contains("uri=/busy");
			assertThat(RecordingFile.readAllEvents(this.dumps.resolve(dump.name())))
				.filteredOn((event) -> event.getEventType().getName().equals("io.flightrecorder.Observation"))
				.anySatisfy((event) -> assertThat(event.getString("uri")).isEqualTo("/busy"))
				.anySatisfy((event) -> assertThat(event.getString("uri")).isEqualTo("/actuator/health"));
			assertThat(count(context.getBean(MeterRegistry.class), "flightrecorder.dumps.fired")).isEqualTo(1);
			assertThat(saved.list()).hasSize(1);
		}
	}

	@Test
	void aNoisySourceHoldsBackOnlyItsOwnDumpsForTheCooldown() throws Exception {
		try (ConfigurableApplicationContext context = start("flight-recorder.triggers.slow-observation.enabled=true",
				"flight-recorder.triggers.slow-observation.threshold=300ms",
				"flight-recorder.triggers.slow-observation.cooldown=5m", "flight-recorder.triggers.global-cooldown=0s",
				"flight-recorder.triggers.include-actuator=true", "management.endpoints.web.exposure.include=health")) {
			SavedDumps saved = context.getBean(SavedDumps.class);
			assertThat(request(context, "/actuator/health").get()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(30)).until(() -> saved.list().size() == 1);
			assertThat(request(context, "/actuator/health").get()).isEqualTo(200);
			assertThat(request(context, "/busy").get()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(30)).until(() -> saved.list().size() == 2);
			assertThat(saved.list()).extracting(SavedDump::reason)
				.satisfiesExactly((busy) -> assertThat(busy).contains("uri=/busy"),
						(health) -> assertThat(health).contains("uri=/actuator/health"));
			assertThat(context.getBean(MeterRegistry.class)
				.get("flightrecorder.dumps.skipped")
				.tag("limit", "cooldown")
				.counter()
				.count()).isEqualTo(1);
		}
	}

	@Test
	void triggersWorkWithObservationEventsOffThroughTheStartersOneObservationHandler() throws Exception {
		try (ConfigurableApplicationContext context = start("flight-recorder.observations.enabled=false",
				"flight-recorder.triggers.slow-observation.enabled=true",
				"flight-recorder.triggers.slow-observation.threshold=300ms",
				"flight-recorder.triggers.error.enabled=true")) {
			assertThat(context.getBeansOfType(ObservationHandler.class).values())
				.filteredOn((handler) -> handler.getClass().getPackageName().startsWith("io.flightrecorder"))
				.singleElement()
				.isInstanceOf(FlightRecorderObservationHandler.class);
			assertThat(request(context, "/busy").get()).isEqualTo(200);
			SavedDumps saved = context.getBean(SavedDumps.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> !saved.list().isEmpty());
			SavedDump dump = saved.list().get(0);
			assertThat(dump.reason()).contains("uri=/busy").contains("threshold 300 ms");
			assertThat(RecordingFile.readAllEvents(this.dumps.resolve(dump.name())))
				.noneMatch((event) -> event.getEventType().getName().equals("io.flightrecorder.Observation"));
		}
	}

	@Test
	void serverErrorWritesADump() throws Exception {
		try (ConfigurableApplicationContext context = start("flight-recorder.triggers.error.enabled=true")) {
			assertThat(request(context, "/fast").get()).isEqualTo(200);
			assertThat(request(context, "/fail").get()).isEqualTo(500);
			SavedDumps saved = context.getBean(SavedDumps.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> !saved.list().isEmpty());
			assertThat(saved.list()).singleElement().satisfies((dump) -> {
				assertThat(dump.trigger()).isEqualTo("error");
				assertThat(dump.reason()).contains("uri=/fail").contains("status=500");
			});
			assertThat(Recordings.markers(Files.readAllBytes(this.dumps.resolve(saved.list().get(0).name()))))
				.contains("about to fail");
		}
	}

	@Test
	void meterThresholdFiresWhenCrossedAndAgainOnlyAfterItCleared() throws Exception {
		try (ConfigurableApplicationContext context = start("flight-recorder.triggers.global-cooldown=0s",
				"flight-recorder.triggers.meter-check-interval=50ms", "flight-recorder.triggers.meters[0].name=test.pressure",
				"flight-recorder.triggers.meters[0].tags.pool=main", "flight-recorder.triggers.meters[0].above=0.9",
				"flight-recorder.triggers.meters[0].cooldown=0s")) {
			AtomicReference<Double> pressure = new AtomicReference<>(0.5);
			AtomicInteger checks = new AtomicInteger();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Gauge.builder("test.pressure", pressure, (value) -> {
				checks.incrementAndGet();
				return value.get();
			}).tag("pool", "main").register(registry);
			Gauge.builder("test.pressure", () -> 5.0).tag("pool", "other").register(registry);
			SavedDumps saved = context.getBean(SavedDumps.class);
			awaitChecks(checks, 3);
			assertThat(saved.list()).as("below the threshold").isEmpty();
			pressure.set(0.95);
			await().atMost(Duration.ofSeconds(30)).until(() -> saved.list().size() == 1);
			assertThat(saved.list().get(0).trigger()).isEqualTo("meter-test.pressure");
			assertThat(saved.list().get(0).reason()).contains("test.pressure").contains("0.95 > 0.9");
			awaitChecks(checks, 3);
			assertThat(saved.list()).as("still above: not fired again").hasSize(1);
			pressure.set(0.2);
			awaitChecks(checks, 3);
			pressure.set(0.99);
			await().atMost(Duration.ofSeconds(30)).until(() -> saved.list().size() == 2);
			assertThat(count(registry, "flightrecorder.dumps.fired")).isEqualTo(2);
		}
	}

	/**
	 * Waits until the meter triggers have read the gauge {@code count} more times.
	 */
	private static void awaitChecks(AtomicInteger checks, int count) {
		int seen = checks.get();
		await().atMost(Duration.ofSeconds(30)).until(() -> checks.get() >= seen + count);
	}

	@Test
	void exitDumpIsWrittenWhenTheContextCloses() throws Exception {
		ConfigurableApplicationContext context = start("flight-recorder.dumps.on-exit=true");
		SavedDumps saved = context.getBean(SavedDumps.class);
		MarkerEvent.commit("last words");
		context.close();
		assertThat(saved.list()).singleElement().satisfies((dump) -> {
			assertThat(dump.trigger()).isEqualTo("exit");
			assertThat(Recordings.markers(Files.readAllBytes(this.dumps.resolve(dump.name())))).contains("last words");
		});
		assertThat(Files.list(this.dumps)).allSatisfy((file) -> assertThat(file.toString()).doesNotEndWith(".part"));
	}

	@Test
	void noExitDumpUnlessAskedFor() throws Exception {
		ConfigurableApplicationContext context = start();
		SavedDumps saved = context.getBean(SavedDumps.class);
		context.close();
		assertThat(saved.list()).isEmpty();
	}

	@Test
	void userCodeFiresThroughTheTriggersBean() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			DumpTriggers triggers = context.getBean(DumpTriggers.class);
			SavedDump dump = triggers.fire("queue-backlog", "10000 messages waiting").get();
			assertThat(dump.trigger()).isEqualTo("queue-backlog");
			assertThat(context.getBean(SavedDumps.class).list()).containsExactly(dump);
			assertThat(context.getBean(WrittenDumps.class).names).as("the application's own listener")
				.containsExactly(dump.name());
			assertThat(count(context.getBean(MeterRegistry.class), "flightrecorder.dumps.written"))
				.as("the metrics, a listener too")
				.isEqualTo(1);
		}
	}

	private ConfigurableApplicationContext start(String... properties) {
		String[] all = new String[properties.length + 1];
		all[0] = "flight-recorder.dumps.directory=" + this.dumps;
		System.arraycopy(properties, 0, all, 1, properties.length);
		return WebApplications.start(Application.class, WebApplicationType.SERVLET, all);
	}

	private static CompletableFuture<Integer> request(ConfigurableApplicationContext context, String path) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return WebApplications.get(context, path).statusCode();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	private static double count(MeterRegistry registry, String name) {
		return registry.find(name).counters().stream().mapToDouble((counter) -> counter.count()).sum();
	}

	@Import(WorkController.class)
	static class Application extends WebApplications.Application {

		/**
		 * A health check as slow as one can be while the application starts (cold JIT, busy
		 * machine).
		 */
		@Bean
		WrittenDumps writtenDumps() {
			return new WrittenDumps();
		}

		@Bean
		HealthIndicator slowHealth() {
			return () -> {
				try {
					Thread.sleep(500);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return Health.up().build();
			};
		}

	}

	/**
	 * An application's own listener, next to the metrics.
	 */
	static class WrittenDumps implements DumpListener {

		final List<String> names = new CopyOnWriteArrayList<>();

		@Override
		public void written(SavedDump dump) {
			this.names.add(dump.name());
		}

	}

	@RestController
	static class WorkController {

		/**
		 * Computes for a second, staying in Java code between clock reads (a thread in a
		 * native call such as an interpreted System.nanoTime() is not execution-sampled).
		 */
		@GetMapping("/busy")
		long busy() {
			long end = System.nanoTime() + Duration.ofMillis(1000).toNanos();
			long hash = 17;
			while (System.nanoTime() < end) {
				for (int i = 0; i < 100_000; i++) {
					hash = hash * 31 + i;
				}
			}
			return hash;
		}

		@GetMapping("/fast")
		String fast() {
			return "fast";
		}

		@GetMapping("/fail")
		String fail() {
			MarkerEvent.commit("about to fail");
			throw new IllegalStateException("boom");
		}

	}

}

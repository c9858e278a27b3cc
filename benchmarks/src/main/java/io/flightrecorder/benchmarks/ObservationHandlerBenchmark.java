package io.flightrecorder.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.observation.FlightRecorderObservationHandler;
import io.flightrecorder.trigger.ErrorObservationTrigger;
import io.flightrecorder.trigger.SlowObservationTrigger;
import io.flightrecorder.trigger.WatchedObservations;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What {@link FlightRecorderObservationHandler} adds to one observation (start, three key
 * values, stop), with the flight recorder running: against a registry whose only handler
 * does nothing ({@code none}), with a threshold no observation reaches
 * ({@code below-threshold}), with every observation committed as an event
 * ({@code recorded}), with no events but the dump triggers that watch every request, not
 * firing: {@code slow-trigger} (a threshold no observation reaches) and
 * {@code error-trigger} (status 200), with the defaults' events from 1 ms and both triggers
 * ({@code defaults}), and with every observation recorded but this one's name ignored
 * ({@code ignored}), as the defaults ignore Spring Security's observations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ObservationHandlerBenchmark {

	private static final WatchedObservations WATCHED = new WatchedObservations(Set.of("http.server.requests"),
			List.of("/actuator"));

	@Param({ "none", "below-threshold", "recorded", "slow-trigger", "error-trigger", "defaults", "ignored" })
	public String handler;

	private final FlightRecorder recorder = new FlightRecorder(FlightRecorderConfig.DEFAULTS);

	private ObservationRegistry registry;

	private DumpTriggers triggers;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.recorder.start();
		this.triggers = new DumpTriggers(this.recorder,
				new SavedDumps(Files.createTempDirectory("dumps"), "benchmark", 1, 1, 1), Duration.ZERO, Duration.ZERO);
		this.registry = ObservationRegistry.create();
		this.registry.observationConfig().observationHandler(switch (this.handler) {
			case "none" -> (ObservationHandler<Observation.Context>) (context) -> true;
			case "below-threshold" -> new FlightRecorderObservationHandler(Duration.ofHours(1), List.of(), List.of());
			case "recorded" -> new FlightRecorderObservationHandler(Duration.ZERO, List.of(), List.of());
			case "slow-trigger" -> new FlightRecorderObservationHandler(null, List.of(), List.of(slowTrigger()));
			case "error-trigger" -> new FlightRecorderObservationHandler(null, List.of(), List.of(errorTrigger()));
			case "defaults" ->
				new FlightRecorderObservationHandler(Duration.ofMillis(1), List.of("spring.security."),
						List.of(slowTrigger(), errorTrigger()));
			case "ignored" -> new FlightRecorderObservationHandler(Duration.ZERO, List.of("http."), List.of());
			default -> throw new IllegalArgumentException(this.handler);
		});
	}

	private SlowObservationTrigger slowTrigger() {
		return new SlowObservationTrigger(WATCHED, Duration.ofHours(1), this.triggers.trigger("slow", Duration.ZERO),
				"/actuator/flightdumps");
	}

	private ErrorObservationTrigger errorTrigger() {
		return new ErrorObservationTrigger(WATCHED, this.triggers.trigger("error", Duration.ZERO),
				"/actuator/flightdumps");
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.triggers.close();
		this.recorder.stop();
	}

	@Benchmark
	public Observation observation() {
		Observation observation = Observation.start("http.server.requests", this.registry)
			.lowCardinalityKeyValue("method", "GET")
			.lowCardinalityKeyValue("uri", "/orders/{id}")
			.lowCardinalityKeyValue("status", "200");
		observation.stop();
		return observation;
	}

}

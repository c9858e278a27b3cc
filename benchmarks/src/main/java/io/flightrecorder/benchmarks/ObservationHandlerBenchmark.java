package io.flightrecorder.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.observation.JfrObservationHandler;
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
 * What {@link JfrObservationHandler} adds to one observation (start, three key values,
 * stop), with the flight recorder running: against a registry whose only handler does
 * nothing ({@code none}), with the handler and a threshold no observation reaches
 * ({@code below-threshold}), with every observation committed as an event
 * ({@code recorded}), and with the dump triggers that watch every request, not firing:
 * {@code slow-trigger} (a threshold no observation reaches) and {@code error-trigger} (status
 * 200).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ObservationHandlerBenchmark {

	private static final WatchedObservations WATCHED = new WatchedObservations(Set.of("http.server.requests"),
			List.of("/actuator"));

	@Param({ "none", "below-threshold", "recorded", "slow-trigger", "error-trigger" })
	public String handler;

	private final FlightRecorder recorder = new FlightRecorder();

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
			case "below-threshold" -> new JfrObservationHandler(Duration.ofHours(1));
			case "recorded" -> new JfrObservationHandler(Duration.ZERO);
			case "slow-trigger" -> new SlowObservationTrigger(WATCHED, Duration.ofHours(1),
					this.triggers.trigger("slow", Duration.ZERO));
			case "error-trigger" -> new ErrorObservationTrigger(WATCHED,
					this.triggers.trigger("error", Duration.ZERO));
			default -> throw new IllegalArgumentException(this.handler);
		});
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

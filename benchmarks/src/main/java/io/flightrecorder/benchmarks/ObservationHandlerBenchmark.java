package io.flightrecorder.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.observation.JfrObservationHandler;
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
 * ({@code below-threshold}), and with every observation committed as an event
 * ({@code recorded}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ObservationHandlerBenchmark {

	@Param({ "none", "below-threshold", "recorded" })
	public String handler;

	private final FlightRecorder recorder = new FlightRecorder();

	private ObservationRegistry registry;

	@Setup(Level.Trial)
	public void setUp() {
		this.recorder.start();
		this.registry = ObservationRegistry.create();
		this.registry.observationConfig().observationHandler(switch (this.handler) {
			case "none" -> (ObservationHandler<Observation.Context>) (context) -> true;
			case "below-threshold" -> new JfrObservationHandler(Duration.ofHours(1));
			case "recorded" -> new JfrObservationHandler(Duration.ZERO);
			default -> throw new IllegalArgumentException(this.handler);
		});
	}

	@TearDown(Level.Trial)
	public void tearDown() {
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

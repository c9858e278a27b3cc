package io.flightrecorder.trigger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import io.flightrecorder.dump.DumpListener;
import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.dump.SavedDumps;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class MeterThresholdTriggersTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final FlightRecorder recorder = new FlightRecorder(FlightRecorderConfig.DEFAULTS);

	private final CompletableFuture<SavedDump> written = new CompletableFuture<>();

	@TempDir
	Path directory;

	private @Nullable DumpTriggers triggers;

	private @Nullable MeterThresholdTriggers checks;

	@AfterEach
	void stopChecks() {
		if (this.checks != null) {
			this.checks.stop();
		}
		if (this.triggers != null) {
			this.triggers.close();
		}
		this.recorder.stop();
	}

	@Test
	void aFailedRegistryLookupDoesNotCancelTheLaterChecks() throws Exception {
		AtomicInteger lookups = new AtomicInteger();
		start(() -> {
			if (lookups.incrementAndGet() == 1) {
				throw new IllegalStateException("two registries, none primary");
			}
			return this.registry;
		}, Duration.ofMillis(20));
		SavedDump dump = this.written.get(30, TimeUnit.SECONDS);
		assertThat(lookups.get()).as("a check after the failed one").isGreaterThanOrEqualTo(2);
		assertThat(dump.trigger()).isEqualTo("meter-queue.size");
		assertThat(dump.reason()).isEqualTo("queue.size[] = 10.0 > 5.0");
	}

	@Test
	void aSubMillisecondIntervalChecks() throws Exception {
		AtomicInteger lookups = new AtomicInteger();
		start(() -> {
			lookups.incrementAndGet();
			return this.registry;
		}, Duration.ofNanos(500_000));
		SavedDump dump = this.written.get(30, TimeUnit.SECONDS);
		assertThat(lookups.get()).isPositive();
		assertThat(dump.reason()).isEqualTo("queue.size[] = 10.0 > 5.0");
	}

	private void start(Supplier<@Nullable MeterRegistry> registry, Duration interval) {
		Gauge.builder("queue.size", () -> 10).register(this.registry);
		this.recorder.start();
		DumpTriggers triggers = this.triggers = new DumpTriggers(this.recorder,
				new SavedDumps(this.directory, "app", 1, Long.MAX_VALUE, 1), Duration.ZERO, Duration.ZERO);
		triggers.addListener(new DumpListener() {

			@Override
			public void written(SavedDump dump) {
				MeterThresholdTriggersTests.this.written.complete(dump);
			}

		});
		MeterThreshold threshold = new MeterThreshold("queue.size", Map.of(), null, 5,
				triggers.trigger("meter-queue.size", Duration.ofHours(1)));
		this.checks = new MeterThresholdTriggers(registry, List.of(threshold), interval);
		this.checks.start();
	}

}

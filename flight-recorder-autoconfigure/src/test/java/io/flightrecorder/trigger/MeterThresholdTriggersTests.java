package io.flightrecorder.trigger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import io.flightrecorder.dump.DumpListener;
import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.dump.SavedDumps;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;

class MeterThresholdTriggersTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final List<String> fired = new CopyOnWriteArrayList<>();

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
	}

	@Test
	void aFailedRegistryLookupDoesNotCancelTheLaterChecks() {
		AtomicInteger lookups = new AtomicInteger();
		start(() -> {
			if (lookups.incrementAndGet() == 1) {
				throw new IllegalStateException("two registries, none primary");
			}
			return this.registry;
		}, Duration.ofMillis(20));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.fired.contains("meter-queue.size"));
	}

	@Test
	void aSubMillisecondIntervalChecks() {
		start(() -> this.registry, Duration.ofNanos(500_000));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.fired.contains("meter-queue.size"));
	}

	private void start(Supplier<@Nullable MeterRegistry> registry, Duration interval) {
		Gauge.builder("queue.size", () -> 10).register(this.registry);
		DumpTriggers triggers = this.triggers = new DumpTriggers(new FlightRecorder(FlightRecorderConfig.DEFAULTS),
				new SavedDumps(this.directory, "app", 1, Long.MAX_VALUE, 1), Duration.ZERO, Duration.ZERO);
		triggers.addListener(new DumpListener() {

			@Override
			public void fired(String trigger) {
				MeterThresholdTriggersTests.this.fired.add(trigger);
			}

		});
		MeterThreshold threshold = new MeterThreshold("queue.size", Map.of(), null, 5,
				triggers.trigger("meter-queue.size", Duration.ZERO));
		this.checks = new MeterThresholdTriggers(registry, List.of(threshold), interval);
		this.checks.start();
	}

}

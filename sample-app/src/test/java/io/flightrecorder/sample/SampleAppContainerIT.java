package io.flightrecorder.sample;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import com.github.dockerjava.api.model.HostConfig;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample app in a container, reached over the mapped port, in the settings
 * users deploy it in: a read-only root filesystem, a small disk for the JFR repository and
 * a memory limit.
 */
@ExtendWith(DockerRequired.class)
class SampleAppContainerIT {

	private static final long MIB = 1024 * 1024;

	private final List<GenericContainer<?>> started = new ArrayList<>();

	private final ExecutorService load = Executors.newFixedThreadPool(2);

	private final AtomicBoolean loading = new AtomicBoolean();

	@AfterAll
	static void describeImage() {
		System.out.println(SampleAppImage.describe());
	}

	/**
	 * Stops the containers, keeping each one's log under {@code target/container-logs} to
	 * tell what happened inside when a test fails.
	 */
	@AfterEach
	void stop(TestInfo test) throws IOException {
		this.loading.set(false);
		this.load.shutdownNow();
		Path logs = Files.createDirectories(Path.of("target", "container-logs"));
		String name = test.getTestMethod().orElseThrow().getName();
		for (GenericContainer<?> container : this.started) {
			ContainerState state = container.getCurrentContainerInfo().getState();
			System.out.println(name + ": container " + state.getStatus() + ", OOMKilled=" + state.getOOMKilled()
					+ ", exit code " + state.getExitCodeLong());
			Files.writeString(logs.resolve(name + ".log"), container.getLogs() + "\n" + state + "\n");
			container.stop();
		}
	}

	@Test
	void snapshotFromOutsideHoldsTheRequestsJustMade(@TempDir Path dir) throws IOException {
		GenericContainer<?> app = start(sampleApp());
		SampleAppClient client = client(app);
		assertThat(client.anonymous("/slow?millis=120", HttpResponse.BodyHandlers.discarding()).statusCode())
			.isEqualTo(200);
		assertThat(client.anonymous("/cpu?n=2000000", HttpResponse.BodyHandlers.discarding()).statusCode())
			.isEqualTo(200);
		List<RecordedEvent> events = snapshot(client, dir.resolve("snapshot.jfr"));
		assertThat(events).filteredOn((event) -> event.getEventType().getName().equals("io.flightrecorder.Observation"))
			.anySatisfy((event) -> {
				assertThat(event.getString("uri")).isEqualTo("/slow");
				assertThat(event.getDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(120));
			});
		assertThat(events).extracting((event) -> event.getEventType().getName()).contains("jdk.ExecutionSample");
		assertThat(app.getLogs()).contains("Started SampleApplication").doesNotContain("ERROR");
	}

	@Test
	void readOnlyRootFilesystemWithTheRepositoryOnATmpfs(@TempDir Path dir) throws IOException {
		GenericContainer<?> app = start(sampleApp().withEnv("FLIGHT_RECORDER_REPOSITORY", "/var/flight-recorder")
			.withEnv("FLIGHT_RECORDER_MIN_FREE_SPACE", "4MB")
			.withCreateContainerCmdModifier((create) -> readOnlyRoot(create.getHostConfig(), "32m")));
		SampleAppClient client = client(app);
		assertThat(client.anonymous("/alloc?megabytes=32", HttpResponse.BodyHandlers.discarding()).statusCode())
			.isEqualTo(200);
		for (int i = 0; i < 3; i++) {
			assertThat(snapshot(client, dir.resolve("snapshot-" + i + ".jfr")))
				.extracting((event) -> event.getEventType().getName())
				.contains("jdk.ObjectAllocationSample");
		}
		assertThat(client.get("/actuator/health", HttpResponse.BodyHandlers.ofString()).body())
			.contains("\"repository\":\"/var/flight-recorder\"")
			.contains("\"status\":\"UP\"");
		assertThat(app.getLogs()).contains("Started SampleApplication").doesNotContain("ERROR");
	}

	@Test
	void aRepositoryDiskTooSmallLeavesTheAppServingAndSaysWhy() {
		GenericContainer<?> app = start(sampleApp().withEnv("FLIGHT_RECORDER_REPOSITORY", "/var/flight-recorder")
			.withCreateContainerCmdModifier((create) -> readOnlyRoot(create.getHostConfig(), "4m")));
		SampleAppClient client = client(app);
		List<Future<?>> work = startLoad(client, "/alloc?megabytes=16");
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> snapshot = client.snapshot(HttpResponse.BodyHandlers.ofString());
			assertThat(snapshot.statusCode()).isEqualTo(503);
			assertThat(snapshot.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
			assertThat(snapshot.body()).contains("Not enough free space")
				.contains("/var/flight-recorder")
				.contains("flight-recorder.min-free-space");
		}
		HttpResponse<String> health = client.get("/actuator/health", HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(503);
		assertThat(health.body())
			.contains("\"flightRecorder\":{\"details\":{\"reason\":\"Failed to start: Not enough free space")
			.contains("\"running\":false")
			.contains("\"livenessState\":{\"status\":\"UP\"}")
			.contains("\"readinessState\":{\"status\":\"UP\"}");
		assertThat(client.anonymous("/cpu?n=10", HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
		assertThat(work).allSatisfy((future) -> assertThat(future).isNotDone());
		assertThat(app.isRunning()).isTrue();
		assertThat(app.getLogs()).contains("The flight recorder did not start: Not enough free space")
			.contains("Started SampleApplication");
	}

	/**
	 * The heap is set as docs/operations.md tells users to: below about 512 MiB the JVM's
	 * default maximum heap is about 126 MiB, which with a Spring Boot web app's 130 MiB
	 * outside the heap leaves nothing for a 256 MiB limit, recorder or not.
	 */
	@Test
	void manySnapshotsUnderAMemoryLimitDoNotGetTheContainerKilled(@TempDir Path dir) throws IOException {
		GenericContainer<?> app = start(sampleApp().withEnv("JAVA_TOOL_OPTIONS", "-Xmx80m")
			.withCreateContainerCmdModifier(
					(create) -> create.getHostConfig().withMemory(256 * MIB).withMemorySwap(256 * MIB)));
		SampleAppClient client = client(app);
		startLoad(client, "/alloc?megabytes=32");
		long bytes = 0;
		for (int i = 0; i < 25; i++) {
			HttpResponse<Path> snapshot = client.snapshot(HttpResponse.BodyHandlers
				.ofFile(dir.resolve("snapshot.jfr"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
						StandardOpenOption.TRUNCATE_EXISTING));
			assertThat(snapshot.statusCode()).isEqualTo(200);
			bytes += Files.size(snapshot.body());
		}
		assertThat(RecordingFile.readAllEvents(dir.resolve("snapshot.jfr")))
			.extracting((event) -> event.getEventType().getName())
			.contains("jdk.GarbageCollection");
		assertThat(bytes).isGreaterThan(25 * 100_000L);
		assertThat(app.isRunning()).isTrue();
		assertThat(app.getCurrentContainerInfo().getState().getOOMKilled()).isFalse();
		assertThat(app.getLogs()).doesNotContain("OutOfMemoryError");
	}

	/**
	 * The report of a full 40 MB ring in the packaged app (a Boot jar on a jlinked runtime),
	 * with a memory limit a little above its heap and non-heap: the report is built in a JVM of
	 * its own, which the kernel kills first should the limit be reached; the application is
	 * never the one killed.
	 */
	@Test
	void theReportOfAFullRingUnderAMemoryLimitDoesNotGetTheAppKilled() throws IOException {
		GenericContainer<?> app = start(sampleApp().withEnv("JAVA_TOOL_OPTIONS", "-Xmx200m -XX:+ExitOnOutOfMemoryError")
			.withEnv("FLIGHT_RECORDER_SIZE", "40MB")
			.withEnv("FLIGHT_RECORDER_PERIOD", "60s")
			.withEnv("FLIGHT_RECORDER_TRIGGERS_SLOWOBSERVATION_ENABLED", "false")
			.withEnv("FLIGHT_RECORDER_TRIGGERS_ERROR_ENABLED", "false")
			.withCreateContainerCmdModifier(
					(create) -> create.getHostConfig().withMemory(512 * MIB).withMemorySwap(512 * MIB)));
		SampleAppClient client = client(app);
		startLoad(client, "/alloc?megabytes=32");
		assertThat(client.fillRing(32_000_000)).isGreaterThan(30_000_000);
		HttpResponse<String> report = client.get("/actuator/flightrecording/report",
				HttpResponse.BodyHandlers.ofString());
		System.out.println("Report of a full ring under a 512 MiB limit: " + report.statusCode() + " "
				+ ((report.statusCode() == 200) ? report.body().length() + " chars" : report.body()));
		if (report.statusCode() == 200) {
			assertThat(report.body()).contains("<tr class='finding'>", "id='cpu-graph'");
		}
		else {
			assertThat(report.statusCode()).isEqualTo(503);
			assertThat(report.body()).contains("What works instead");
		}
		this.loading.set(false);
		assertThat(client.get("/actuator/health", HttpResponse.BodyHandlers.ofString()).body())
			.endsWith("\"status\":\"UP\"}");
		assertThat(client.snapshot(HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
		assertThat(app.isRunning()).isTrue();
		assertThat(app.getCurrentContainerInfo().getState().getOOMKilled()).isFalse();
		// the log's first line repeats JAVA_TOOL_OPTIONS, with -XX:+ExitOnOutOfMemoryError
		assertThat(app.getLogs()).contains("Started SampleApplication").doesNotContain("java.lang.OutOfMemoryError");
	}

	private GenericContainer<?> sampleApp() {
		return new GenericContainer<>(SampleAppImage.get()).withImagePullPolicy((image) -> false)
			.withExposedPorts(8080)
			.waitingFor(Wait.forHttp("/actuator/health")
				.forStatusCodeMatching((status) -> status == 200 || status == 503)
				.withStartupTimeout(Duration.ofMinutes(2)));
	}

	private GenericContainer<?> start(GenericContainer<?> container) {
		this.started.add(container);
		container.start();
		return container;
	}

	/**
	 * A read-only root with two writable tmpfs mounts, as docs/operations.md tells users to
	 * deploy: one for the web server's temporary files, one of the given size for the JFR
	 * repository.
	 */
	private static void readOnlyRoot(HostConfig host, String repositorySize) {
		host.withReadonlyRootfs(true)
			.withTmpFs(Map.of("/tmp", "rw,size=16m,mode=1777", "/var/flight-recorder",
					"rw,size=" + repositorySize + ",mode=1777"));
	}

	private List<Future<?>> startLoad(SampleAppClient client, String path) {
		this.loading.set(true);
		List<Future<?>> work = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			work.add(this.load.submit(() -> {
				while (this.loading.get()) {
					assertThat(client.anonymous(path, HttpResponse.BodyHandlers.discarding()).statusCode())
						.isEqualTo(200);
				}
			}));
		}
		return work;
	}

	private static SampleAppClient client(GenericContainer<?> app) {
		return new SampleAppClient(app.getHost(), app.getMappedPort(8080));
	}

	private static List<RecordedEvent> snapshot(SampleAppClient client, Path file) throws IOException {
		HttpResponse<Path> response = client.snapshot(HttpResponse.BodyHandlers.ofFile(file));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
			.startsWith("attachment; filename=\"sample-app-");
		return RecordingFile.readAllEvents(response.body());
	}

}

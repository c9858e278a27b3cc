package io.flightrecorder.actuate;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.Recordings;
import io.flightrecorder.SmallDisk;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource.Mode;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults over a real port, on Spring MVC and on WebFlux: clients that go away, many clients
 * at once, a disk too full for a snapshot, access turned off.
 */
class FlightRecordingEndpointFaultTests {

	private static final String PATH = "/actuator/flightrecording";

	private static final long MIB = 1024 * 1024;

	private static final String EXPOSED = "management.endpoints.web.exposure.include=flightrecording";

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void clientsGoneMidStreamLeaveNothingBehind(WebApplicationType type) throws Exception {
		List<Path> tempFilesBefore = temporarySnapshotFiles();
		try (ConfigurableApplicationContext context = WebApplications.start(type, EXPOSED)) {
			Recordings.fill(24 * 1024 * 1024);
			for (int i = 0; i < 20; i++) {
				readAFewKilobytesAndGoAway(context);
			}
			HttpResponse<byte[]> next = awaitSnapshot(context);
			assertThat(Recordings.events(next.body())).isNotEmpty();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(count(registry, "client-aborted") + count(registry, "success"))
					.as("each snapshot counted once, when the server has finished with it")
					.isEqualTo(21));
			assertThat(count(registry, "client-aborted")).isPositive();
			assertThat(count(registry, "error")).isZero();
		}
		assertThat(temporarySnapshotFiles()).isEqualTo(tempFilesBefore);
		assertThat(repositoryChunks()).as("chunk files left pinned once recording stopped").isEmpty();
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void fiftyClientsAtOnceGetOneSnapshotAtATimeAndConflictsOtherwise(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = WebApplications.start(type, EXPOSED)) {
			Recordings.fill(8 * 1024 * 1024);
			ExecutorService clients = Executors.newFixedThreadPool(50);
			try {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Integer>> statuses = new ArrayList<>();
				for (int i = 0; i < 50; i++) {
					statuses.add(clients.submit(() -> {
						start.await();
						return WebApplications.get(context, PATH).statusCode();
					}));
				}
				start.countDown();
				List<Integer> codes = new ArrayList<>();
				for (Future<Integer> status : statuses) {
					codes.add(status.get(120, TimeUnit.SECONDS));
				}
				Map<Integer, Long> byStatus = codes.stream()
					.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
				assertThat(byStatus.keySet()).containsOnly(200, 409);
				assertThat(byStatus.get(200)).isPositive();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					assertThat(count(registry, "success")).isEqualTo(byStatus.get(200));
					assertThat(count(registry, "rejected")).isEqualTo(byStatus.getOrDefault(409, 0L));
				});
			}
			finally {
				clients.shutdownNow();
			}
		}
	}

	/**
	 * On a 32 MiB disk of its own keeping 12 MiB free, a ring of 16 MiB holds about 14 MiB,
	 * and a snapshot file of it would leave 3 MiB. A second recording makes the snapshot go
	 * through a file on every JDK (for redaction).
	 */
	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void snapshotThatWouldNotFitOnDiskIsRefusedWithInsufficientStorage(WebApplicationType type) throws Exception {
		try (SmallDisk disk = SmallDisk.mount(32)) {
			try (ConfigurableApplicationContext context = WebApplications.start(type, EXPOSED,
					"flight-recorder.repository=" + disk.directory(), "flight-recorder.size=16MB",
					"flight-recorder.min-free-space=12MB");
					Recording other = new Recording(Configuration.getConfiguration("default"))) {
				other.start();
				Recordings.fill(14 * MIB);
				HttpResponse<byte[]> response = WebApplications.get(context, PATH);
				assertThat(response.statusCode()).isEqualTo(507);
				assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"status\":507")
					.contains("Not enough free space for a snapshot under " + disk.directory())
					.contains("flight-recorder.min-free-space");
				assertThat(context.getBean(FlightRecorder.class).isEnabled()).isTrue();
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void notFoundWhenAccessIsNone(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = WebApplications.start(type, EXPOSED,
				"management.endpoint.flightrecording.access=none")) {
			assertThat(WebApplications.get(context, PATH).statusCode()).isEqualTo(404);
		}
	}

	/**
	 * Reads the status line and 4 KiB of a snapshot, then disconnects. The server notices
	 * that the previous client has gone only when its next write fails, so a request made
	 * within that moment is answered 409: it is retried.
	 */
	private static void readAFewKilobytesAndGoAway(ConfigurableApplicationContext context) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (true) {
			try (Socket client = new Socket("localhost", WebApplications.port(context))) {
				client.setReceiveBufferSize(4096);
				OutputStream request = client.getOutputStream();
				request.write(
						("GET " + PATH + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
				InputStream response = client.getInputStream();
				String status = new String(response.readNBytes(12), StandardCharsets.US_ASCII);
				if (status.equals("HTTP/1.1 200")) {
					response.readNBytes(4096);
					return;
				}
				assertThat(status).isEqualTo("HTTP/1.1 409");
				assertThat(System.nanoTime()).isLessThan(deadline);
			}
			Thread.sleep(20);
		}
	}

	/**
	 * The server notices a client has gone only when it next writes; retry until it has.
	 */
	private static HttpResponse<byte[]> awaitSnapshot(ConfigurableApplicationContext context) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		HttpResponse<byte[]> response = WebApplications.get(context, PATH);
		while (response.statusCode() == 409 && System.nanoTime() < deadline) {
			Thread.sleep(50);
			response = WebApplications.get(context, PATH);
		}
		assertThat(response.statusCode()).isEqualTo(200);
		return response;
	}

	private static long count(MeterRegistry registry, String outcome) {
		return Search.in(registry).name("flightrecorder.snapshot").tag("outcome", outcome).timers().stream()
			.mapToLong((timer) -> timer.count())
			.sum();
	}

	private static List<Path> temporarySnapshotFiles() throws Exception {
		try (Stream<Path> files = Files.list(Paths.get(System.getProperty("java.io.tmpdir")))) {
			return files.filter((file) -> file.getFileName().toString().startsWith("flight-recorder-"))
				.sorted()
				.toList();
		}
	}

	private static List<Path> repositoryChunks() throws Exception {
		try (Stream<Path> files = Files.list(Paths.get(System.getProperty("jdk.jfr.repository")))) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".jfr")).toList();
		}
	}

}

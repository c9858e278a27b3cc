package io.flightrecorder.actuate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.flightrecorder.MarkerEvent;
import io.flightrecorder.Recordings;
import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.s3.S3ProxyServer;
import io.flightrecorder.storage.DumpUploads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saved dumps uploaded by an application configured with Spring Cloud AWS to a real S3
 * server (S3Proxy, a process of its own), and served back by any instance through the
 * {@code flightdumps} endpoint's fleet view, over a real port.
 */
class FlightRecorderStorageWebIntegrationTests {

	private static final String PATH = "/actuator/flightdumps";

	private static S3ProxyServer server;

	private static S3Client s3;

	@TempDir
	static Path serverDirectory;

	@TempDir
	Path directory;

	@BeforeAll
	static void startServer() throws Exception {
		server = S3ProxyServer.start(serverDirectory);
		s3 = server.client();
		s3.createBucket((request) -> request.bucket("dumps"));
	}

	@AfterAll
	static void stopServer() throws InterruptedException {
		s3.close();
		server.close();
	}

	@Test
	void aTriggeredDumpGoesToTheBucketAndAnotherInstanceServesItAfterItsLocalFileIsGone() throws Exception {
		try (ConfigurableApplicationContext podA = start("pod-a", this.directory.resolve("a"));
				ConfigurableApplicationContext podB = start("pod-b", this.directory.resolve("b"))) {
			MarkerEvent.commit("in the fleet's dump");
			SavedDump dump = podA.getBean(DumpTriggers.class).fire("manual", "an incident on pod-a").get();
			SavedDumps dumps = podA.getBean(SavedDumps.class);
			await(() -> dumps.find(dump.name()).orElseThrow().uploaded() != null);
			String key = "fleet/orders/pod-a/" + dump.name();
			byte[] local = Files.readAllBytes(dumps.file(dump.name()).orElseThrow());
			assertThat(s3.getObjectAsBytes((request) -> request.bucket("dumps").key(key)).asByteArray())
				.isEqualTo(local);
			assertThat(s3.headObject((request) -> request.bucket("dumps").key(key)).metadata())
				.containsEntry("trigger", "manual")
				.containsEntry("reason", "an incident on pod-a")
				.containsEntry("instance", "pod-a")
				.containsEntry("application", "orders");
			assertThat(body(WebApplications.get(podA, PATH))).contains("\"uploaded\":\"s3://dumps/" + key + "\"");

			HttpResponse<byte[]> fleet = WebApplications.get(podB, PATH + "?scope=fleet");
			assertThat(fleet.statusCode()).isEqualTo(200);
			assertThat(body(fleet)).contains("\"location\":\"s3://dumps/fleet/orders/pod-b/\"")
				.contains("\"instance\":\"pod-a\"")
				.contains("\"name\":\"" + dump.name() + "\"")
				.contains("\"trigger\":\"manual\"")
				.contains("\"reason\":\"an incident on pod-a\"")
				.contains("\"size\":" + local.length);

			assertThat(WebApplications.send(podA, "DELETE", PATH + "/" + dump.name()).statusCode()).isEqualTo(204);
			HttpResponse<byte[]> download = WebApplications.get(podB, PATH + "/fleet/pod-a/" + dump.name());
			assertThat(download.statusCode()).isEqualTo(200);
			assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
			assertThat(download.headers().firstValue("Content-Disposition"))
				.hasValue("attachment; filename=\"" + dump.name() + "\"");
			assertThat(download.body()).isEqualTo(local);
			assertThat(Recordings.markers(download.body())).contains("in the fleet's dump");

			HttpResponse<byte[]> report = WebApplications.get(podB, PATH + "/fleet/pod-a/" + dump.name() + "/report");
			assertThat(report.statusCode()).isEqualTo(200);
			assertThat(report.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
			assertThat(body(report)).contains(dump.name()).contains("pod-a");
			try (var files = Files.list(this.directory.resolve("b"))) {
				assertThat(files).isEmpty();
			}

			MeterRegistry registry = podA.getBean(MeterRegistry.class);
			await(() -> uploaded(registry) == 1 && registry.get("flightrecorder.uploads.pending").gauge().value() == 0);
			HttpResponse<byte[]> health = WebApplications.get(podA, "/actuator/health/flightRecorderUploads");
			assertThat(body(health)).contains("\"status\":\"UP\"")
				.contains("\"location\":\"s3://dumps/fleet/orders/pod-a/\"")
				.contains("\"pending\":0")
				.contains("\"failing\":false")
				.contains("\"lastUpload\"");
			assertThat(registry.get("flightrecorder.uploads.uploaded").tag("trigger", "manual").counter().count())
				.isEqualTo(1);
			assertThat(registry.get("flightrecorder.uploads.bytes").counter().count()).isEqualTo(local.length);
			assertThat(registry.get("flightrecorder.uploads.duration").timer().count()).isEqualTo(1);
			assertThat(registry.get("flightrecorder.uploads.pending").gauge().value()).isZero();
		}
	}

	@Test
	void keysOutsideTheApplicationsPrefixAreNotFoundAndBadScopesAreRefused() throws Exception {
		s3.putObject((request) -> request.bucket("dumps").key("fleet/payments/pod-a/payments-20261128T120000000Z-x.jfr"),
				RequestBody.fromString("another application's dump"));
		s3.putObject((request) -> request.bucket("dumps").key("secret.jfr"),
				RequestBody.fromString("not a dump"));
		try (ConfigurableApplicationContext context = start("pod-a", this.directory)) {
			for (String path : new String[] { "/fleet/pod-a/payments-20261128T120000000Z-x.jfr",
					"/fleet/..%2Fpayments%2Fpod-a/payments-20261128T120000000Z-x.jfr", "/fleet/pod-a/..%2F..%2Fsecret.jfr",
					"/fleet/%2Fetc/passwd", "/fleet/../secret.jfr", "/elsewhere/pod-a/orders-20261128T120000000Z-x.jfr",
					"/fleet/pod-a/payments-20261128T120000000Z-x.jfr/report",
					"/fleet/pod-a/..%2F..%2Fsecret.jfr/report" }) {
				HttpResponse<byte[]> response = WebApplications.get(context, PATH + path);
				assertThat(response.statusCode()).as(path).isIn(400, 404);
				assertThat(body(response)).as(path).doesNotContain("another application's dump").doesNotContain("not a dump");
			}
			assertThat(body(WebApplications.get(context, PATH + "/fleet/pod-a/payments-20261128T120000000Z-x.jfr")))
				.contains("No dump named 'payments-20261128T120000000Z-x.jfr' of instance 'pod-a' among this "
						+ "application's stored dumps (this instance's go to s3://dumps/fleet/orders/pod-a/)");
			HttpResponse<byte[]> unknownScope = WebApplications.get(context, PATH + "?scope=everything");
			assertThat(unknownScope.statusCode()).isEqualTo(400);
			assertThat(body(unknownScope)).contains("Unknown scope 'everything'; known: local, fleet");
		}
	}

	@Test
	void withStorageDownTheApplicationServesAndSaysWhyDumpsWait() throws Exception {
		try (ConfigurableApplicationContext context = start("pod-a", this.directory,
				"flight-recorder.storage.bucket=no-such-bucket")) {
			SavedDump dump = context.getBean(DumpTriggers.class).fire("manual", "the bucket is missing").get();
			await(() -> body(WebApplications.get(context, "/actuator/health/flightRecorderUploads"))
				.contains("\"failing\":true"));
			assertThat(body(WebApplications.get(context, "/actuator/health/flightRecorderUploads")))
				.contains("\"status\":\"UP\"")
				.contains("\"pending\":1")
				.contains("NoSuchBucket")
				.contains("\"failingSince\"");
			assertThat(context.getBean(SavedDumps.class).file(dump.name())).isPresent();
			HttpResponse<byte[]> fleet = WebApplications.get(context, PATH + "?scope=fleet");
			assertThat(fleet.statusCode()).isEqualTo(503);
			assertThat(body(fleet)).contains("Could not read s3://no-such-bucket/fleet/orders/pod-a/");
			assertThat(WebApplications.get(context, PATH).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void withStorageDownAtStartTheApplicationServesAndItsDumpsAreUploadedOnceWhenStorageReturns() throws Exception {
		server.kill();
		try (ConfigurableApplicationContext context = start("pod-c", this.directory,
				"flight-recorder.triggers.global-cooldown=0s")) {
			assertThat(WebApplications.get(context, PATH).statusCode()).isEqualTo(200);
			DumpTriggers triggers = context.getBean(DumpTriggers.class);
			String first = triggers.fire("first", "while storage is down").get().name();
			String second = triggers.fire("second", "while storage is still down").get().name();
			await(() -> {
				String health = body(WebApplications.get(context, "/actuator/health/flightRecorderUploads"));
				return health.contains("\"pending\":2") && health.contains("\"failing\":true");
			});

			server.restart();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await(() -> uploaded(registry) == 2);
			assertThat(body(WebApplications.get(context, "/actuator/health/flightRecorderUploads")))
				.contains("\"pending\":0");
			assertThat(s3.listObjectsV2((request) -> request.bucket("dumps").prefix("fleet/orders/pod-c/"))
				.contents()).extracting(S3Object::key)
				.containsExactlyInAnyOrder("fleet/orders/pod-c/" + first, "fleet/orders/pod-c/" + second,
						"fleet/orders/pod-c/index.traces");
			assertThat(registry.get("flightrecorder.uploads.uploaded").counters()).extracting(Counter::count)
				.containsOnly(1.0);
		}
		finally {
			try {
				s3.listBuckets();
			}
			catch (RuntimeException ex) {
				server.restart();
			}
		}
	}

	@Test
	void withoutABucketTheFleetIsNotFound() throws Exception {
		try (ConfigurableApplicationContext context = WebApplications.start(WebApplicationType.SERVLET,
				"spring.application.name=orders", "flight-recorder.dumps.directory=" + this.directory,
				"management.endpoints.web.exposure.include=flightdumps")) {
			HttpResponse<byte[]> fleet = WebApplications.get(context, PATH + "?scope=fleet");
			assertThat(fleet.statusCode()).isEqualTo(404);
			assertThat(body(fleet)).contains("Saved dumps are not uploaded: set flight-recorder.storage.bucket");
			assertThat(context.getBeanNamesForType(DumpUploads.class)).isEmpty();
		}
	}

	private static ConfigurableApplicationContext start(String instance, Path dumps, String... more) {
		String[] properties = { "spring.application.name=orders", "flight-recorder.dumps.directory=" + dumps,
				"flight-recorder.storage.bucket=dumps", "flight-recorder.storage.prefix=fleet",
				"flight-recorder.storage.instance=" + instance, "flight-recorder.storage.retry-interval=100ms",
				"flight-recorder.storage.max-retry-interval=500ms",
				"management.endpoints.web.exposure.include=flightdumps,health",
				"management.endpoint.health.show-details=always", "management.endpoint.flightdumps.access=unrestricted" };
		String[] all = new String[properties.length + server.springCloudAwsProperties().length + more.length];
		System.arraycopy(properties, 0, all, 0, properties.length);
		System.arraycopy(server.springCloudAwsProperties(), 0, all, properties.length,
				server.springCloudAwsProperties().length);
		System.arraycopy(more, 0, all, properties.length + server.springCloudAwsProperties().length, more.length);
		return WebApplications.start(WebApplicationType.SERVLET, all);
	}

	private static String body(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	/**
	 * Returns how many uploads the metrics counted: the listeners are told after a dump is
	 * marked uploaded, so a test waits for the count, not for the mark.
	 */
	private static double uploaded(MeterRegistry registry) {
		return registry.find("flightrecorder.uploads.uploaded").counters().stream().mapToDouble(Counter::count).sum();
	}

	private static void await(Check check) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!check.holds()) {
			assertThat(System.nanoTime()).as("waited 60 s").isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	@FunctionalInterface
	private interface Check {

		boolean holds() throws Exception;

	}

}

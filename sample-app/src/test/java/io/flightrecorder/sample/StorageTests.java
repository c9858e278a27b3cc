package io.flightrecorder.sample;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.flightrecorder.s3.S3ProxyServer;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample app with its slow-request trigger and a bucket on S3Proxy (a real S3 server in
 * a process of its own): the dump goes to the bucket with its metadata, is listed in the fleet
 * view, is served back from the bucket once its local file is gone, and becomes a page offline.
 */
class StorageTests {

	private static final Map<String, String> CREDENTIALS = Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.IDENTITY,
			"AWS_SECRET_ACCESS_KEY", S3ProxyServer.CREDENTIAL, "AWS_REGION", "us-east-1");

	private static final Pattern LISTED = Pattern
		.compile("\"instance\":\"pod-a\",\"name\":\"(sample-app-\\d{8}T\\d{9}Z-slow-observation\\.jfr)\"");

	@Test
	void aSlowRequestsDumpGoesToTheBucketAndComesBackThroughTheFleetView(@TempDir Path dir) throws Exception {
		try (S3ProxyServer server = S3ProxyServer.start(dir.resolve("s3")); S3Client s3 = server.client()) {
			s3.createBucket((request) -> request.bucket("dumps"));
			try (SampleAppProcess app = SampleAppProcess.start(dir, List.of(), CREDENTIALS, arguments(dir, server))) {
				assertThat(app.client().anonymous("/slow?millis=1200", HttpResponse.BodyHandlers.discarding())
					.statusCode()).isEqualTo(200);
				String name = uploadedSlowObservationDump(app);
				assertThat(app.client().get("/actuator/flightdumps?scope=fleet", HttpResponse.BodyHandlers.ofString()).body())
					.contains("\"trigger\":\"slow-observation\"").contains("/slow");
				String key = "flight-recorder/sample-app/pod-a/" + name;
				byte[] stored = s3.getObjectAsBytes((request) -> request.bucket("dumps").key(key)).asByteArray();
				assertThat(Files.readAllBytes(dir.resolve("dumps").resolve(name))).isEqualTo(stored);
				assertThat(s3.headObject((request) -> request.bucket("dumps").key(key)).metadata())
					.containsEntry("application", "sample-app")
					.containsEntry("instance", "pod-a")
					.containsEntry("trigger", "slow-observation")
					.containsKeys("reason", "time", "jdk");

				assertThat(app.client()
					.send(app.client().request("/actuator/flightdumps/" + name).DELETE()
						.header("Authorization", SampleAppClient.basic("ops", "flight-recorder")),
							HttpResponse.BodyHandlers.discarding())
					.statusCode()).isEqualTo(204);
				assertThat(dir.resolve("dumps").resolve(name)).doesNotExist();
				HttpResponse<byte[]> download = app.client()
					.get("/actuator/flightdumps/fleet/pod-a/" + name, HttpResponse.BodyHandlers.ofByteArray());
				assertThat(download.statusCode()).isEqualTo(200);
				assertThat(download.body()).isEqualTo(stored);
				Path downloaded = Files.write(dir.resolve(name), download.body());
				assertThat(RecordingFile.readAllEvents(downloaded)).filteredOn(StorageTests::isObservation)
					.anySatisfy((event) -> assertThat(event.getString("uri")).isEqualTo("/slow"));
			}
			assertThat(Files.readString(dir.resolve("app.log"))).contains("Uploaded " )
				.doesNotContain(S3ProxyServer.CREDENTIAL);
		}
	}

	/**
	 * A dump from the bucket, as an operator downloads it through the fleet view, turned into
	 * its page on a laptop by the offline command, and opened from the file in Chromium.
	 */
	@Test
	@ExtendWith(ChromiumRequired.class)
	void aDumpFromTheBucketBecomesAPageOfflineThatOpensInChromium(@TempDir Path dir) throws Exception {
		try (S3ProxyServer server = S3ProxyServer.start(dir.resolve("s3")); S3Client s3 = server.client()) {
			s3.createBucket((request) -> request.bucket("dumps"));
			Path downloads = Files.createDirectories(dir.resolve("downloads"));
			HttpResponse<Path> downloaded;
			try (SampleAppProcess app = SampleAppProcess.start(dir, List.of(), CREDENTIALS, arguments(dir, server))) {
				// short of the slow-observation trigger's 1 s, which /slow crosses
				assertThat(app.client().anonymous("/cpu?n=1000000", HttpResponse.BodyHandlers.discarding()).statusCode())
					.isEqualTo(200);
				assertThat(app.client().anonymous("/slow?millis=1200", HttpResponse.BodyHandlers.discarding())
					.statusCode()).isEqualTo(200);
				String name = uploadedSlowObservationDump(app);
				downloaded = app.client()
					.get("/actuator/flightdumps/fleet/pod-a/" + name, HttpResponse.BodyHandlers.ofFile(downloads.resolve(name)));
			}
			assertThat(downloaded.statusCode()).isEqualTo(200);
			Path dump = downloaded.body();
			Path page = downloads.resolve("report.html");
			Process command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-jar", System.getProperty("report.jar"), dump.toString(), page.toString())
				.redirectErrorStream(true)
				.redirectOutput(dir.resolve("report.log").toFile())
				.start();
			assertThat(command.waitFor()).as(Files.readString(dir.resolve("report.log"))).isZero();
			Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
			ChromeDriver browser = Chromium.start(profile);
			try {
				browser.get(page.toUri().toString());
				assertThat(browser.findElement(By.tagName("h1")).getText())
					.isEqualTo("Flight recording of " + dump.getFileName().toString().replace(".jfr", ""));
				assertThat(browser.findElement(By.id("download")).getDomAttribute("href"))
					.isEqualTo(dump.getFileName().toString());
				assertThat(Chromium.flameGraphFrames(browser, "cpu-graph"))
					.contains("io.flightrecorder.sample.WorkController.isPrime");
				assertThat(browser.findElements(By.cssSelector("tr.observation td")))
					.extracting(WebElement::getText)
					.contains("/slow");
				assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
					.noneMatch((entry) -> entry.getLevel().intValue() >= Level.WARNING.intValue());
			}
			finally {
				browser.quit();
			}
			try (Stream<Path> files = Files.list(downloads)) {
				assertThat(files).containsExactlyInAnyOrder(dump, page);
			}
		}
	}

	private static String[] arguments(Path dir, S3ProxyServer server) {
		return new String[] { "--flight-recorder.dumps.directory=" + dir.resolve("dumps"),
				"--flight-recorder.storage.bucket=dumps", "--flight-recorder.storage.instance=pod-a",
				"--spring.cloud.aws.s3.endpoint=" + server.endpoint(),
				"--spring.cloud.aws.s3.path-style-access-enabled=true" };
	}

	private static String uploadedSlowObservationDump(SampleAppProcess app) {
		String fleet = await().atMost(Duration.ofSeconds(60))
			.until(() -> app.client().get("/actuator/flightdumps?scope=fleet", HttpResponse.BodyHandlers.ofString()).body(),
					(body) -> LISTED.matcher(body).find());
		Matcher matcher = LISTED.matcher(fleet);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	private static boolean isObservation(RecordedEvent event) {
		return event.getEventType().getName().equals("io.flightrecorder.Observation");
	}

}

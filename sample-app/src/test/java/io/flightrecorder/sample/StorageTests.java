package io.flightrecorder.sample;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.flightrecorder.s3.S3ProxyServer;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample app with its slow-request trigger and a bucket on S3Proxy (a real S3 server in
 * a process of its own): the dump goes to the bucket with its metadata, is listed in the fleet
 * view, and is served back from the bucket once its local file is gone.
 */
class StorageTests {

	@Test
	void aSlowRequestsDumpGoesToTheBucketAndComesBackThroughTheFleetView(@TempDir Path dir) throws Exception {
		try (S3ProxyServer server = S3ProxyServer.start(dir.resolve("s3")); S3Client s3 = server.client()) {
			s3.createBucket((request) -> request.bucket("dumps"));
			String[] arguments = { "--flight-recorder.dumps.directory=" + dir.resolve("dumps"),
					"--flight-recorder.storage.bucket=dumps", "--flight-recorder.storage.instance=pod-a",
					"--spring.cloud.aws.s3.endpoint=" + server.endpoint(),
					"--spring.cloud.aws.s3.path-style-access-enabled=true" };
			Map<String, String> credentials = Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.IDENTITY,
					"AWS_SECRET_ACCESS_KEY", S3ProxyServer.CREDENTIAL, "AWS_REGION", "us-east-1");
			try (SampleAppProcess app = SampleAppProcess.start(dir, List.of(), credentials, arguments)) {
				assertThat(app.client().anonymous("/slow?millis=1200", HttpResponse.BodyHandlers.discarding())
					.statusCode()).isEqualTo(200);
				Pattern listed = Pattern.compile("\"instance\":\"pod-a\",\"name\":\"(sample-app-\\d{8}T\\d{9}Z-slow-observation\\.jfr)\"");
				String fleet = await().atMost(Duration.ofSeconds(60))
					.until(() -> app.client().get("/actuator/flightdumps?scope=fleet", HttpResponse.BodyHandlers.ofString()).body(),
							(body) -> listed.matcher(body).find());
				Matcher matcher = listed.matcher(fleet);
				assertThat(matcher.find()).isTrue();
				String name = matcher.group(1);
				assertThat(fleet).contains("\"trigger\":\"slow-observation\"").contains("/slow");
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

	private static boolean isObservation(RecordedEvent event) {
		return event.getEventType().getName().equals("io.flightrecorder.Observation");
	}

}

package io.flightrecorder.sample;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.flightrecorder.s3.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A trace followed across two services as an operator follows it: the sample app
 * ({@code sample-app}) calls a second instance of itself, named {@code payments}, over
 * {@code RestClient} with W3C {@code traceparent} propagation and Brave; the downstream call
 * is slow, so both save a dump, and both upload it to one bucket (S3Proxy). One lookup by the
 * trace ID, from either service, finds both dumps; the page of each opens at that trace.
 */
@TestInstance(Lifecycle.PER_CLASS)
class TraceAcrossServicesTests {

	private static final Map<String, String> CREDENTIALS = Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.IDENTITY,
			"AWS_SECRET_ACCESS_KEY", S3ProxyServer.CREDENTIAL, "AWS_REGION", "us-east-1");

	private static final Pattern DUMP = Pattern.compile("\"name\":\"((sample-app|payments)-\\d{8}T\\d{9}Z-slow-observation\\.jfr)\"");

	private final String trace = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));

	@TempDir
	static Path directory;

	private S3ProxyServer server;

	private SampleAppProcess payments;

	private SampleAppProcess checkout;

	private String checkoutDump;

	@BeforeAll
	void startTwoServicesAndFollowOneTrace() throws Exception {
		this.server = S3ProxyServer.start(directory.resolve("s3"));
		try (S3Client s3 = this.server.client()) {
			s3.createBucket((request) -> request.bucket("dumps"));
		}
		this.payments = start("payments", "pod-p", "--sample.downstream-url=http://localhost:1");
		this.checkout = start("sample-app", "pod-c", "--sample.downstream-url=http://localhost:" + this.payments.port());
		HttpResponse<String> response = this.checkout.client()
			.send(this.checkout.client()
				.request("/checkout?millis=1200")
				.header("traceparent", "00-" + this.trace + "-00f067aa0ba902b7-01"), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		String found = await().atMost(Duration.ofSeconds(60))
			.until(() -> lookup(this.checkout, "?scope=fleet&applications=all&traceId=" + this.trace),
					(body) -> body.contains("\"application\":\"payments\"") && body.contains("\"application\":\"sample-app\""));
		Matcher matcher = Pattern.compile("\"application\":\"sample-app\",\"instance\":\"pod-c\",\"name\":\"([^\"]+)\"")
			.matcher(found);
		assertThat(matcher.find()).as(found).isTrue();
		this.checkoutDump = matcher.group(1);
	}

	@AfterAll
	void stop() throws InterruptedException {
		for (AutoCloseable closeable : new AutoCloseable[] { this.checkout, this.payments }) {
			if (closeable != null) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void oneLookupFromEitherServiceFindsBothServicesDumpsWithTheTracesRequests() {
		for (SampleAppProcess app : List.of(this.checkout, this.payments)) {
			String body = lookup(app, "?scope=fleet&applications=all&traceId=" + this.trace);
			assertThat(body).contains("\"traceId\":\"" + this.trace + "\"")
				.contains("\"application\":\"payments\",\"instance\":\"pod-p\"")
				.contains("\"application\":\"sample-app\",\"instance\":\"pod-c\"")
				.contains("\"uri\":\"/checkout\"")
				.contains("\"uri\":\"/slow\"")
				.contains("\"name\":\"http.client.requests\"")
				.contains("\"report\":\"fleet/sample-app/pod-c/" + this.checkoutDump + "/report?traceId=" + this.trace
						+ "\"");
			assertThat(DUMP.matcher(body).results().map((result) -> result.group(2)).distinct())
				.containsExactlyInAnyOrder("sample-app", "payments");
		}
		assertThat(lookup(this.checkout, "?scope=fleet&traceId=" + this.trace)).as("this application's only")
			.doesNotContain("\"application\":\"payments\"")
			.contains(this.checkoutDump);
		assertThat(lookup(this.checkout, "?traceId=" + this.trace)).as("this instance's saved dumps")
			.contains("\"scope\":\"local\"")
			.contains(this.checkoutDump);
		assertThat(lookup(this.checkout, "?scope=fleet&applications=all&traceId=" + "1".repeat(32)))
			.contains("\"dumps\":[]");
	}

	@Test
	void theTriggersLogLineNamesTheTraceWithTheTraceInItsLoggingContext() throws Exception {
		String log = Files.readString(directory.resolve("sample-app").resolve("app.log"));
		String line = log.lines()
			.filter((candidate) -> candidate.contains("Flight recorder dump " + this.checkoutDump + " holds trace"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no log line of the dump in " + log));
		assertThat(line).contains("GET /actuator/flightdumps?traceId=" + this.trace)
			.contains("GET /actuator/flightdumps/" + this.checkoutDump + "/report?traceId=" + this.trace)
			.as("Boot's log correlation, from the MDC")
			.contains("[" + this.trace + "-");
		assertThat(log).contains("Flight recorder dump written: ").contains(", trace " + this.trace + ")");
	}

	@Test
	void aSampledOutRequestIsRecordedWithItsTraceIdAndFoundByIt() {
		String unsampled = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
		HttpResponse<Void> response = this.payments.client()
			.send(this.payments.client()
				.request("/cpu?n=300000")
				.header("traceparent", "00-" + unsampled + "-00f067aa0ba902b7-00"), HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).isEqualTo(200);
		String page = this.payments.client()
			.get("/actuator/flightrecording/report?traceId=" + unsampled, HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(page).contains("<tr class='traced'>").contains("/cpu").doesNotContain("id='trace-missing'");
	}

	@Test
	@ExtendWith(ChromiumRequired.class)
	void theReportOpenedByTraceIdShowsTheRequestsGraphWithoutAClick() throws Exception {
		Path profile = Files.createDirectories(directory.resolve("chromium-profile"));
		ChromeDriver browser = Chromium.start(profile);
		try {
			browser.executeCdpCommand("Network.enable", Map.of());
			browser.executeCdpCommand("Network.setExtraHTTPHeaders",
					Map.of("headers", Map.of("Authorization", SampleAppClient.basic("ops", "flight-recorder"))));
			browser.get("http://localhost:" + this.payments.port() + "/actuator/flightdumps/fleet/sample-app/pod-c/"
					+ this.checkoutDump + "/report?traceId=" + this.trace);
			assertThat(browser.findElement(By.cssSelector("#trace h2")).getText()).isEqualTo("Trace " + this.trace);
			assertThat(browser.findElements(By.cssSelector("#trace tr.traced td"))).extracting((cell) -> cell.getText())
				.contains("/checkout", "http.client.requests");
			assertThat(Chromium.flameGraphFrames(browser, "trace-graph-0"))
				.anyMatch((frame) -> frame.startsWith("io.flightrecorder.sample.CheckoutController.checkout")
						|| frame.startsWith("java.lang.Thread.sleep") || frame.contains("socketRead"));
			assertThat(browser.findElements(By.cssSelector("#trace table.waits td")))
				.extracting((cell) -> cell.getText())
				.anyMatch((text) -> text.contains("Socket Read") || text.contains("Thread Sleep"));
			browser.findElement(By.id("search")).sendKeys(this.trace);
			assertThat(browser.findElements(By.cssSelector("#all-observations tr.searchable")))
				.filteredOn((row) -> row.isDisplayed())
				.isNotEmpty()
				.allSatisfy((row) -> assertThat(row.getText()).contains(this.trace));
			assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
				.noneMatch((entry) -> entry.getLevel().intValue() >= Level.WARNING.intValue());
		}
		finally {
			browser.quit();
		}
	}

	private SampleAppProcess start(String application, String instance, String downstream) throws Exception {
		Path home = Files.createDirectories(directory.resolve(application));
		return SampleAppProcess.start(home, List.of(), CREDENTIALS, "--spring.application.name=" + application,
				downstream, "--flight-recorder.dumps.directory=" + home.resolve("dumps"),
				"--flight-recorder.storage.bucket=dumps", "--flight-recorder.storage.instance=" + instance,
				"--flight-recorder.storage.search-applications=*",
				"--spring.cloud.aws.s3.endpoint=" + this.server.endpoint(),
				"--spring.cloud.aws.s3.path-style-access-enabled=true");
	}

	private static String lookup(SampleAppProcess app, String query) {
		HttpResponse<String> response = app.client().get("/actuator/flightdumps" + query, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

}

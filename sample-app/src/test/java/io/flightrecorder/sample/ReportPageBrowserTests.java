package io.flightrecorder.sample;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The report page of the sample app under load, in headless Chromium: what it shows, that
 * it loads nothing from elsewhere, and that a recorded {@code <script>} stays text.
 * Screenshots of each part are written to {@code target/report-screenshots} for
 * {@code docs/report.md}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "flight-recorder.dumps.directory=target/test-report-dumps",
				"flight-recorder.triggers.slow-observation.enabled=false" })
@ExtendWith(ChromiumRequired.class)
@TestInstance(Lifecycle.PER_CLASS)
class ReportPageBrowserTests {

	private static final String SCRIPT_URI = "/<script>console.log('injected');alert(1)</script>";

	private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

	@LocalServerPort
	private int port;

	@Autowired
	private ObservationRegistry observations;

	private Path profile;

	private ChromeDriver browser;

	private final List<LogEntry> console = new ArrayList<>();

	private final List<LogEntry> network = new ArrayList<>();

	@BeforeAll
	void openTheReportAfterLoad() throws Exception {
		SampleAppClient client = new SampleAppClient("localhost", this.port);
		CompletableFuture<?> load = CompletableFuture.allOf(
				CompletableFuture.runAsync(() -> client.get("/cpu?n=4000000", HttpResponse.BodyHandlers.discarding())),
				CompletableFuture.runAsync(() -> client.get("/alloc?megabytes=512", HttpResponse.BodyHandlers.discarding())),
				CompletableFuture.runAsync(() -> client.get("/lock?millis=300", HttpResponse.BodyHandlers.discarding())),
				CompletableFuture.runAsync(() -> client.get("/lock?millis=300", HttpResponse.BodyHandlers.discarding())),
				CompletableFuture.runAsync(() -> client.get("/lock?millis=300", HttpResponse.BodyHandlers.discarding())),
				CompletableFuture.runAsync(() -> client.get("/slow?millis=800", HttpResponse.BodyHandlers.discarding())));
		// as long as the load, so that it is among the slowest
		Observation.createNotStarted("http.server.requests", this.observations)
			.lowCardinalityKeyValue("uri", SCRIPT_URI)
			.lowCardinalityKeyValue("method", "GET")
			.observe(() -> Chromium.pause(Duration.ofSeconds(2)));
		load.get();
		this.profile = Files.createTempDirectory("chromium-profile");
		this.browser = Chromium.start(this.profile);
		this.browser.executeCdpCommand("Network.enable", Map.of());
		this.browser.executeCdpCommand("Network.setExtraHTTPHeaders",
				Map.of("headers", Map.of("Authorization", SampleAppClient.basic("ops", "flight-recorder"))));
		this.browser.get("about:blank");
		consoleLog().clear();
		networkMessages("Network.requestWillBeSent");
		this.network.clear();
		this.browser.get(url("/actuator/flightrecording/report"));
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterAll
	void closeTheBrowser() throws IOException {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.profile != null) {
			FileSystemUtils.deleteRecursively(this.profile);
		}
	}

	/**
	 * Each test reads the report from its top, whatever frame the one before looked into.
	 */
	@BeforeEach
	void atThePagesTop() {
		this.browser.switchTo().defaultContent();
	}

	@Test
	void thePageLoadsWithoutErrorsAndAsksNoOtherHost() {
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Flight recording of sample-app");
		List<Map<String, Object>> responses = networkMessages("Network.responseReceived");
		assertThat(responses).anySatisfy((message) -> {
			Map<?, ?> response = (Map<?, ?>) message.get("response");
			assertThat(response.get("url")).isEqualTo(url("/actuator/flightrecording/report"));
			assertThat(((Number) response.get("status")).intValue()).isEqualTo(200);
		});
		List<Map<String, Object>> requests = networkMessages("Network.requestWillBeSent");
		assertThat(requests).isNotEmpty()
			.allSatisfy((message) -> assertThat((String) ((Map<?, ?>) message.get("request")).get("url"))
				.startsWith("http://localhost:" + this.port + "/"));
		assertThat(consoleLog()).noneMatch((entry) -> entry.getLevel().intValue() >= Level.WARNING.intValue());
		screenshot("header", By.id("subject"));
		screenshot("analysis", By.id("analysis"));
	}

	@Test
	void eachFlameGraphHoldsTheSampleAppsKnownMethod() {
		assertThat(frames("cpu-graph")).contains("io.flightrecorder.sample.WorkController.isPrime");
		assertThat(frames("allocation-graph")).contains("io.flightrecorder.sample.WorkController.alloc", "byte[]");
		assertThat(frames("lock-graph")).contains("io.flightrecorder.sample.WorkController.lock", "java.lang.Object");
		assertThat(frames("wall-graph")).contains("io.flightrecorder.sample.WorkController.slow");
		screenshot("cpu-flame-graph", By.id("cpu-graph"));
		screenshot("timeline", By.id("timeline"));
	}

	@Test
	void theSlowRequestHasAFlameGraphOfItsOwn() {
		WebElement row = this.browser
			.findElement(By.xpath("//tr[@class='observation'][td[4][text()='/slow']]/following-sibling::tr[1]"));
		WebElement details = row.findElement(By.tagName("details"));
		assertThat(details.getDomAttribute("open")).isNull();
		details.findElement(By.tagName("summary")).click();
		// the click is handled on the page's main thread, which may still be busy with the
		// flame graphs it loaded after the page: a read can come before it
		await().atMost(Duration.ofSeconds(10)).until(() -> details.getDomAttribute("open") != null);
		String frame = details.findElement(By.tagName("iframe")).getDomAttribute("id");
		assertThat(frames(frame)).contains("io.flightrecorder.sample.WorkController.slow")
			.doesNotContain("io.flightrecorder.sample.WorkController.isPrime",
					"io.flightrecorder.sample.WorkController.alloc", "io.flightrecorder.sample.WorkController.lock");
		screenshot("slowest-observations", By.id("slowest"));
	}

	@Test
	void aRecordedScriptIsShownAsTextAndNeverRuns() {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.browser.findElements(By.xpath("//tr[@class='observation']/td[4]")))
				.extracting(WebElement::getText)
				.contains(SCRIPT_URI));
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> this.browser.switchTo().alert());
		assertThat(consoleLog()).noneMatch((entry) -> entry.getMessage().contains("injected"));
	}

	private List<String> frames(String frameId) {
		return Chromium.flameGraphFrames(this.browser, frameId);
	}

	private List<LogEntry> consoleLog() {
		this.console.addAll(this.browser.manage().logs().get(LogType.BROWSER).getAll());
		return this.console;
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> networkMessages(String method) {
		this.network.addAll(this.browser.manage().logs().get(LogType.PERFORMANCE).getAll());
		List<Map<String, Object>> messages = new ArrayList<>();
		for (LogEntry entry : this.network) {
			Map<String, Object> message = (Map<String, Object>) JsonParserFactory.getJsonParser().parseMap(entry.getMessage()).get("message");
			if (method.equals(message.get("method"))) {
				messages.add((Map<String, Object>) message.get("params"));
			}
		}
		return messages;
	}

	private void screenshot(String name, By part) {
		WebElement element = this.browser.findElement(part);
		this.browser.executeScript("arguments[0].scrollIntoView(true);", element);
		try {
			Files.write(SCREENSHOTS.resolve("report-" + name + ".png"), element.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}

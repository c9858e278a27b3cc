package io.flightrecorder.admin;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import io.flightrecorder.s3.S3ProxyServer;
import io.flightrecorder.sample.ChromiumRequired;
import io.flightrecorder.sample.SampleAppProcess;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The "Flight recorder" tab in a real Spring Boot Admin server, for the sample app (run from
 * its jar) registered with it by Spring Boot Admin's client, in headless Chromium. After each
 * test the browser's console holds no error and it asked no host but Spring Boot Admin.
 * Screenshots of the tab are written to {@code target/admin-screenshots} for docs/admin.md.
 */
@ExtendWith(ChromiumRequired.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlightRecorderTabBrowserTests {

	static final Path SCREENSHOTS = Path.of("target", "admin-screenshots");

	private static final Duration WAIT = Duration.ofSeconds(30);

	@TempDir
	static Path directory;

	private S3ProxyServer bucket;

	private AdminServer admin;

	private SampleAppProcess app;

	private AdminBrowser browser;

	private String appId;

	private final Set<String> faultyIds = new HashSet<>();

	@BeforeAll
	void start() throws IOException {
		this.bucket = S3ProxyServer.start(directory.resolve("s3"));
		try (S3Client s3 = this.bucket.client()) {
			s3.createBucket((request) -> request.bucket("dumps"));
		}
		this.admin = AdminServer.start();
		List<String> arguments = new ArrayList<>(List.of("--spring.boot.admin.client.url=" + this.admin.url(),
				"--spring.boot.admin.client.username=" + AdminServer.USER,
				"--spring.boot.admin.client.password=" + AdminServer.PASSWORD,
				"--spring.boot.admin.client.instance.service-base-url=http://localhost:${server.port}",
				"--flight-recorder.triggers.global-cooldown=0s", "--flight-recorder.triggers.slow-observation.cooldown=0s",
				"--flight-recorder.storage.bucket=dumps", "--flight-recorder.storage.instance=pod-a"));
		Stream.of(this.bucket.springCloudAwsProperties()).map((property) -> "--" + property).forEach(arguments::add);
		this.app = SampleAppProcess.startJar(Path.of(System.getProperty("sample.jar")),
				Files.createDirectories(directory.resolve("app")), arguments.toArray(String[]::new));
		this.appId = this.admin.instanceOf("sample-app", "flightrecording");
		this.browser = new AdminBrowser(this.admin, directory.resolve("profile"),
				Files.createDirectories(directory.resolve("downloads")));
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterEach
	void noConsoleErrorAndNoOtherHost() {
		assertThat(this.browser.consoleErrors())
			.as("console errors but those of the failing instance's answers")
			.filteredOn((error) -> this.faultyIds.stream().noneMatch((id) -> error.contains("/instances/" + id + "/")))
			.isEmpty();
		assertThat(this.browser.requestedUrls()).filteredOn((url) -> url.matches("(?i)(https?|wss?|ftp):.*"))
			.isNotEmpty()
			.allSatisfy((url) -> assertThat(url).startsWith(this.admin.url() + "/"));
	}

	@AfterAll
	void stop() {
		Stream.<AutoCloseable>of(this.browser, this.app, this.admin, this.bucket).forEach((closeable) -> {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	@Test
	void tabAppearsForAnInstanceWithTheEndpointOnly() {
		By tab = By.cssSelector("a[href$='/flightrecorder']");
		openTab();
		this.browser.waitFor(tab, WAIT);
		String adminId = this.admin.instanceOf("admin-server", "env");
		this.browser.open(adminId, "env");
		this.browser.waitFor(By.cssSelector("a[href$='/env']"), WAIT);
		assertThat(this.browser.driver().findElements(tab)).isEmpty();
	}

	@Test
	void stateComesFromHealth() {
		openTab();
		this.browser.until(WAIT, () -> text("fr-state").contains("Running\nyes"));
		assertThat(text("fr-state")).contains("Status\nUP", "Settings\ndefault", "Boost\nnone", "Retained",
				"Disk", "Event rules\ngc-pause", "Uploads\ns3://dumps/flight-recorder/sample-app/pod-a/");
		this.browser.until(WAIT, () -> text("fr-fleet").contains(" in s3://dumps/"), () -> text("fr-fleet"));
		screenshot("admin-tab", By.className("fr-tab"));
	}

	@Test
	void dumpsListMatchesTheEndpoint() {
		List<String> names = makeDumps(2);
		openTab();
		this.browser.until(WAIT, () -> listedDumps().equals(names));
		WebElement first = this.browser.driver().findElement(By.cssSelector("#fr-dumps-table tbody tr"));
		assertThat(first.getText()).contains("slow-observation", "http.server.requests").containsPattern("\\d\\.\\d MiB");
		screenshot("admin-dumps", By.id("fr-dumps"));
	}

	@Test
	void reportOfADumpOpens() {
		String name = makeDumps(1).get(0);
		openTab();
		this.browser.until(WAIT, () -> listedDumps().contains(name));
		dumpRow(name).findElement(By.linkText("Report")).click();
		assertReportOpens("slow-observation");
	}

	@Test
	void reportOfASnapshotOpens() {
		openTab();
		this.browser.waitFor(By.id("fr-snapshot-report"), WAIT).click();
		assertReportOpens("Flight recording of sample-app");
	}

	@Test
	void snapshotDownloads() throws IOException {
		openTab();
		this.browser.waitFor(By.id("fr-download-snapshot"), WAIT).click();
		this.browser.until(WAIT, () -> text("fr-snapshot").contains("Saved sample-app-"), () -> text("fr-snapshot"));
		Path downloads = directory.resolve("downloads");
		await().atMost(WAIT).until(() -> jfrFiles(downloads).size() == 1);
		Path snapshot = jfrFiles(downloads).get(0);
		try (RecordingFile recording = new RecordingFile(snapshot)) {
			assertThat(recording.hasMoreEvents()).isTrue();
			assertThat(recording.readEventTypes()).anyMatch((type) -> type.getName().equals("jdk.ExecutionSample"));
		}
	}

	@Test
	void deleteRemovesTheDump() {
		String name = makeDumps(1).get(0);
		openTab();
		this.browser.until(WAIT, () -> listedDumps().contains(name));
		this.browser.waitFor(By.cssSelector("#fr-dumps-table tr[data-name='" + name + "'] .fr-delete"), WAIT).click();
		WebElement confirm = dumpRow(name).findElement(By.className("fr-delete"));
		assertThat(confirm.getText()).isEqualTo("Really delete?");
		confirm.click();
		this.browser.until(WAIT, () -> !listedDumps().contains(name));
		assertThat(text("fr-snapshot")).contains("Deleted " + name);
		assertThat(dumpNames()).doesNotContain(name);
	}

	@Test
	void fleetDumpsComeFromTheBucket() {
		String name = makeDumps(1).get(0);
		await().atMost(WAIT).until(() -> fleetNames().contains(name));
		openTab();
		this.browser.until(WAIT, () -> rowOf("fr-fleet-table", name).isPresent(), () -> text("fr-tab"));
		assertThat(rowOf("fr-fleet-table", name).orElseThrow().getText()).startsWith("pod-a");
		assertThat(dumpRow(name).findElement(By.className("fr-uploaded")).getAttribute("title"))
			.isEqualTo("s3://dumps/flight-recorder/sample-app/pod-a/" + name);
		screenshot("admin-fleet", By.id("fr-fleet"));
		rowOf("fr-fleet-table", name).orElseThrow().findElement(By.linkText("Report")).click();
		assertReportOpens("slow-observation");
	}

	@Test
	void traceLookupFindsTheDumpOfARequest() {
		String name = makeDumps(1).get(0);
		Matcher trace = Pattern.compile("trace ([0-9a-f]{32})").matcher(reasonOf(name));
		assertThat(trace.find()).isTrue();
		openTab();
		this.browser.waitFor(By.id("fr-trace-id"), WAIT).sendKeys(trace.group(1));
		this.browser.driver().findElement(By.id("fr-trace-find")).click();
		this.browser.until(WAIT, () -> rowOf("fr-trace-table", name).isPresent(), () -> text("fr-trace"));
		assertThat(rowOf("fr-trace-table", name).orElseThrow().getText()).startsWith("sample-app / ").contains(name);
		screenshot("admin-trace", By.id("fr-trace"));
		rowOf("fr-trace-table", name).orElseThrow().findElement(By.linkText("Report")).click();
		assertReportOpens("slow-observation");
	}

	@Test
	void boostShowsInTheState() {
		openTab();
		type(this.browser.waitFor(By.id("fr-boost-settings"), WAIT), "profile");
		type(this.browser.driver().findElement(By.id("fr-boost-duration")), "1m");
		this.browser.driver().findElement(By.id("fr-boost-start")).click();
		this.browser.until(WAIT, () -> text("fr-state").contains("Boost\nprofile until"), () -> text("fr-snapshot"));
		assertThat(this.app.client().get("/actuator/health", HttpResponse.BodyHandlers.ofString()).body())
			.contains("\"boost\":{", "\"settings\":\"profile\"");
		screenshot("admin-boost", By.className("fr-tab"));
		this.browser.waitFor(By.id("fr-boost-end"), WAIT).click();
		this.browser.until(WAIT, () -> text("fr-state").contains("Boost\nnone"), () -> text("fr-tab"));
	}

	/**
	 * One instance answers after 30 s: its tab says it is waiting, and meanwhile another
	 * browser tab uses Spring Boot Admin as usual: the tab of an instance that refuses (401,
	 * 403), lacks the endpoint (404) or is writing another snapshot (409) says so, and the
	 * sample app's tab works. Then the slow instance answers, and goes down.
	 */
	@Test
	void tabSaysWhatWentWrongWithAnInstance() throws Exception {
		try (FaultyInstance slow = new FaultyInstance(); FaultyInstance failing = new FaultyInstance()) {
			String slowId = register(slow, "slow-instance");
			String failingId = register(failing, "failing-instance");
			slow.answerAfter(Duration.ofSeconds(30));
			long start = System.nanoTime();
			openTab(slowId);
			this.browser.until(WAIT, () -> text("fr-dumps").contains("Asking the instance for its saved dumps"));
			screenshot("admin-waiting", By.id("fr-dumps"));
			String waiting = this.browser.driver().getWindowHandle();
			this.browser.driver().switchTo().newWindow(WindowType.TAB);
			for (int status : new int[] { 401, 403, 404 }) {
				failing.answer(status);
				openTab(failingId);
				this.browser.until(WAIT, () -> text("fr-dumps").contains("(" + status + ")"), () -> text("fr-tab"));
				if (status == 401) {
					screenshot("admin-refused", By.id("fr-dumps"));
				}
			}
			failing.answer(409);
			int windows = this.browser.driver().getWindowHandles().size();
			this.browser.driver().findElement(By.id("fr-snapshot-report")).click();
			this.browser.until(WAIT, () -> text("fr-snapshot").contains("A snapshot is already being taken: Another"),
					() -> text("fr-tab"));
			this.browser.until(WAIT, () -> this.browser.driver().getWindowHandles().size() == windows);
			openTab(this.appId);
			this.browser.until(WAIT, () -> text("fr-state").contains("Running\nyes"));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
			this.browser.driver().close();
			this.browser.driver().switchTo().window(waiting);
			this.browser.until(Duration.ofSeconds(60), () -> text("fr-dumps").contains("0 in /dumps"),
					() -> text("fr-tab"));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
			assertThat(this.browser.driver().findElements(By.id("fr-boost"))).as("no boost where writes are not allowed")
				.isEmpty();
			slow.close();
			this.browser.driver().findElement(By.id("fr-refresh")).click();
			this.browser.until(WAIT, () -> text("fr-dumps").contains("(502)"), () -> text("fr-tab"));
			assertThat(text("fr-dumps")).contains("could not reach the instance");
		}
	}

	/**
	 * Registers the instance through Spring Boot Admin's registration API, and returns its ID
	 * once Spring Boot Admin has found its endpoints.
	 */
	private String register(FaultyInstance instance, String name) {
		String id = JsonPath.read(this.admin.send("POST", "/instances", instance.registration(name)).body(), "$.id");
		this.faultyIds.add(id);
		this.admin.instanceOf(name, "flightrecording");
		return id;
	}

	private void openTab() {
		openTab(this.appId);
	}

	private void openTab(String instanceId) {
		this.browser.open(instanceId, "flightrecorder");
		this.browser.waitFor(By.id("fr-state"), WAIT);
	}

	/**
	 * Replaces what a field holds as a user does: select all, then type.
	 */
	private static void type(WebElement field, String text) {
		field.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
	}

	private String text(String id) {
		if (id.equals("fr-tab")) {
			return this.browser.driver().findElement(By.className("fr-tab")).getText();
		}
		return this.browser.driver().findElement(By.id(id)).getText();
	}

	private void assertReportOpens(String expected) {
		String tab = this.browser.driver().getWindowHandle();
		this.browser.until(WAIT, () -> this.browser.driver().getWindowHandles().size() == 2);
		String report = this.browser.driver()
			.getWindowHandles()
			.stream()
			.filter((handle) -> !handle.equals(tab))
			.findFirst()
			.orElseThrow();
		this.browser.driver().switchTo().window(report);
		try {
			this.browser.until(Duration.ofSeconds(90),
					() -> this.browser.driver().findElement(By.id("subject")).getText().contains(expected));
		}
		finally {
			this.browser.driver().close();
			this.browser.driver().switchTo().window(tab);
		}
		assertThat(text("fr-snapshot")).contains("The report opened in a new tab.");
	}

	private List<String> listedDumps() {
		return this.browser.driver()
			.findElements(By.cssSelector("#fr-dumps-table tbody tr"))
			.stream()
			.map((row) -> row.getAttribute("data-name"))
			.toList();
	}

	private Optional<WebElement> rowOf(String table, String name) {
		return this.browser.driver()
			.findElements(By.cssSelector("#" + table + " tr[data-name='" + name + "']"))
			.stream()
			.findFirst();
	}

	private WebElement dumpRow(String name) {
		return rowOf("fr-dumps-table", name).orElseThrow();
	}

	/**
	 * Makes the sample app save dumps with slow requests, and returns the names its endpoint
	 * lists, newest first.
	 */
	private List<String> makeDumps(int count) {
		int before = dumpNames().size();
		for (int i = 0; i < count; i++) {
			this.app.client().anonymous("/slow?millis=1200", HttpResponse.BodyHandlers.discarding());
		}
		return await().atMost(WAIT).until(this::dumpNames, (names) -> names.size() >= before + count);
	}

	private List<String> dumpNames() {
		return new ArrayList<>(JsonPath.read(listing(""), "$.dumps[*].name"));
	}

	private List<String> fleetNames() {
		return new ArrayList<>(JsonPath.read(listing("?scope=fleet"), "$.dumps[*].name"));
	}

	private String reasonOf(String name) {
		List<String> reasons = JsonPath.read(listing(""), "$.dumps[?(@.name == '" + name + "')].reason");
		return reasons.get(0);
	}

	private String listing(String query) {
		return this.app.client().get("/actuator/flightdumps" + query, HttpResponse.BodyHandlers.ofString()).body();
	}

	private static List<Path> jfrFiles(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.toString().endsWith(".jfr")).toList();
		}
	}

	private void screenshot(String name, By part) {
		try {
			Files.write(SCREENSHOTS.resolve(name + ".png"),
					this.browser.driver().findElement(part).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

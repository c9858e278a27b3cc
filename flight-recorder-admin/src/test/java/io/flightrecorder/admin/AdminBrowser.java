package io.flightrecorder.admin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;

import com.jayway.jsonpath.JsonPath;
import io.flightrecorder.sample.Chromium;
import org.awaitility.core.ConditionTimeoutException;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import static org.awaitility.Awaitility.await;

/**
 * Headless Chromium signed in to the {@link AdminServer}'s UI through its login page, keeping
 * every console message and every URL it requested.
 */
final class AdminBrowser implements AutoCloseable {

	private final ChromeDriver driver;

	private final AdminServer admin;

	private final List<LogEntry> console = new ArrayList<>();

	private final List<String> requested = new ArrayList<>();

	AdminBrowser(AdminServer admin, Path profile, Path downloads) {
		this.admin = admin;
		this.driver = Chromium.start(profile);
		// tall enough that a screenshot of the whole tab is not cut at the window's edge
		this.driver.manage().window().setSize(new Dimension(1280, 2400));
		this.driver.executeCdpCommand("Browser.setDownloadBehavior",
				Map.of("behavior", "allow", "downloadPath", downloads.toString()));
		this.driver.get(admin.url() + "/login");
		this.driver.findElement(By.name("username")).sendKeys(AdminServer.USER);
		this.driver.findElement(By.name("password")).sendKeys(AdminServer.PASSWORD, Keys.ENTER);
		until(Duration.ofSeconds(30), () -> !this.driver.getCurrentUrl().contains("/login"));
	}

	ChromeDriver driver() {
		return this.driver;
	}

	/**
	 * Opens an instance's view of the given path ({@code details}, {@code flightrecorder}).
	 */
	void open(String instanceId, String view) {
		this.driver.get(this.admin.url() + "/instances/" + instanceId + "/" + view);
	}

	WebElement waitFor(By locator, Duration timeout) {
		until(timeout, () -> !this.driver.findElements(locator).isEmpty() && this.driver.findElement(locator).isDisplayed());
		return this.driver.findElement(locator);
	}

	void until(Duration timeout, BooleanSupplier condition) {
		await().atMost(timeout).ignoreExceptions().until(condition::getAsBoolean);
	}

	/**
	 * Waits as {@link #until(Duration, BooleanSupplier)}, and fails with what the page shows
	 * when the condition is not met.
	 */
	void until(Duration timeout, BooleanSupplier condition, Supplier<String> shown) {
		try {
			until(timeout, condition);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Not met within " + timeout + "; the page shows: " + shown.get(), ex);
		}
	}

	/**
	 * The console messages of level SEVERE (errors) so far.
	 */
	List<String> consoleErrors() {
		collect();
		return this.console.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

	/**
	 * The URLs the browser requested so far, from Chromium's network log.
	 */
	List<String> requestedUrls() {
		collect();
		return List.copyOf(this.requested);
	}

	private void collect() {
		this.driver.manage().logs().get(LogType.BROWSER).forEach(this.console::add);
		for (LogEntry entry : this.driver.manage().logs().get(LogType.PERFORMANCE)) {
			String message = entry.getMessage();
			if (message.contains("\"Network.requestWillBeSent\"")) {
				String url = JsonPath.read(message, "$.message.params.request.url");
				this.requested.add(url);
			}
		}
	}

	byte[] screenshot() {
		return this.driver.getScreenshotAs(OutputType.BYTES);
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}

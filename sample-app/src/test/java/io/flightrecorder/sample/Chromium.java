package io.flightrecorder.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless Chromium, driven by Selenium, for the tests that open report pages (run
 * them with {@link ChromiumRequired}).
 */
public final class Chromium {

	private Chromium() {
	}

	/**
	 * Starts Chromium with a profile of its own, its console and network logged.
	 */
	public static ChromeDriver start(Path profile) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(ChromiumRequired.CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1280,1024", "--user-data-dir=" + profile);
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		logs.enable(LogType.PERFORMANCE, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(ChromiumRequired.CHROMEDRIVER.toFile())
			.build();
		return new ChromeDriver(service, options);
	}

	/**
	 * Returns the frame names of a report's flame graph, once the page has loaded it into its
	 * frame.
	 */
	@SuppressWarnings("unchecked")
	static List<String> flameGraphFrames(ChromeDriver browser, String frameId) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			browser.switchTo().frame(frameId);
			try {
				Object names = browser.executeScript("return (typeof cpool === 'undefined') ? null : cpool;");
				if (names != null) {
					return (List<String>) names;
				}
			}
			finally {
				browser.switchTo().defaultContent();
			}
			assertThat(System.nanoTime()).as("flame graph %s loaded within 10 s", frameId).isLessThan(deadline);
			pause(Duration.ofMillis(50));
		}
	}

	public static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

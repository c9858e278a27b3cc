package io.flightrecorder.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JFR initialized as soon as the environment is known, in a fresh JVM each time: this test
 * JVM has initialized JFR long ago.
 */
class FlightRecorderEarlyInitializerTests {

	@ParameterizedTest
	@CsvSource({ "true, false, before=false after=true", "false, false, before=false after=false",
			"perhaps, false, before=false after=true", "true, true, before=false after=false" })
	void initializesJfrUnlessDisabledOrStartedInTheBackground(String enabled, String inBackground, String expected)
			throws IOException, InterruptedException {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), Probe.class.getName(), enabled, inBackground)
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains(expected);
	}

	/**
	 * Sends the listener the event Spring Boot sends, with the given
	 * {@code flight-recorder.enabled} and {@code start-in-background}, and prints whether
	 * JFR was initialized before, and within 10 seconds after.
	 */
	static final class Probe {

		public static void main(String[] args) throws InterruptedException {
			MockEnvironment environment = new MockEnvironment().withProperty("flight-recorder.enabled", args[0])
				.withProperty("flight-recorder.start-in-background", args[1]);
			boolean before = jdk.jfr.FlightRecorder.isInitialized();
			new FlightRecorderEarlyInitializer().onApplicationEvent(new ApplicationEnvironmentPreparedEvent(
					new DefaultBootstrapContext(), new SpringApplication(), new String[0], environment));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!jdk.jfr.FlightRecorder.isInitialized() && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			System.out.println("before=" + before + " after=" + jdk.jfr.FlightRecorder.isInitialized());
		}

	}

}

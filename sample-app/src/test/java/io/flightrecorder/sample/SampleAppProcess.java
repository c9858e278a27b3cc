package io.flightrecorder.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The sample app in a JVM of its own, for what only a separate JVM shows: its environment,
 * its JVM options, and how it exits. Closing it sends SIGTERM, as Kubernetes does, and waits
 * for the JVM to exit.
 */
public final class SampleAppProcess implements AutoCloseable {

	private final Process process;

	private final SampleAppClient client;

	private final int port;

	private SampleAppProcess(Process process, int port) {
		this.process = process;
		this.port = port;
		this.client = new SampleAppClient("localhost", port);
	}

	/**
	 * Starts the app with its log in {@code app.log} under the given directory, and waits
	 * until its health endpoint answers.
	 */
	static SampleAppProcess start(Path directory, List<String> jvmOptions, Map<String, String> environment,
			String... arguments) throws IOException {
		List<String> command = new ArrayList<>(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), SampleApplication.class.getName()));
		return launch(directory, command, environment, arguments);
	}

	/**
	 * Starts the app from its jar as the build makes it, as {@link #start} does; for the tests
	 * of other modules, which have the app's jar rather than its classes.
	 */
	public static SampleAppProcess startJar(Path jar, Path directory, String... arguments) throws IOException {
		return launch(directory, List.of("-jar", jar.toString()), Map.of(), arguments);
	}

	private static SampleAppProcess launch(Path directory, List<String> launcher, Map<String, String> environment,
			String... arguments) throws IOException {
		int port = freePort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(launcher);
		command.add("--server.port=" + port);
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("app.log").toFile()));
		builder.environment().putAll(environment);
		SampleAppProcess app = new SampleAppProcess(builder.start(), port);
		try {
			await().atMost(Duration.ofSeconds(90)).until(app::isUp);
		}
		catch (RuntimeException ex) {
			app.close();
			throw ex;
		}
		return app;
	}

	public SampleAppClient client() {
		return this.client;
	}

	int port() {
		return this.port;
	}

	private boolean isUp() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("The sample app exited with " + this.process.exitValue());
		}
		try {
			return this.client.anonymous("/actuator/health", HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (UncheckedIOException ex) {
			return false;
		}
	}

	long pid() {
		return this.process.pid();
	}

	long startMillis() {
		return this.process.info().startInstant().orElseThrow().toEpochMilli();
	}

	/**
	 * Kills the app with SIGKILL, as an out-of-memory kill does: nothing of it runs after.
	 */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

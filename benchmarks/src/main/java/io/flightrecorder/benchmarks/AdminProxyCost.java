package io.flightrecorder.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.codecentric.boot.admin.server.config.EnableAdminServer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Time and peak heap of downloading a saved dump of the sample app through Spring Boot
 * Admin's instance proxy (what the "Flight recorder" tab's download links do) against
 * downloading it from the app directly, alternated in one run. The Spring Boot Admin server,
 * with flight-recorder-admin, runs in this JVM, so that its heap is the one measured; the
 * sample app runs from its jar, registered by Spring Boot Admin's client. The dump is a file
 * of random bytes under a dump's name: the endpoint and the proxy stream bytes whatever they
 * are.
 * <p>
 * Arguments: the sample app's jar, rounds, the dump's size in MiB. Run with a small fixed heap
 * ({@code -Xmx}) below the dump's size, to show that the proxy does not buffer it.
 */
public final class AdminProxyCost {

	private static final String DUMP = "sample-app-20261208T000000000Z-manual.jfr";

	private static final Pattern INSTANCE = Pattern.compile("\"id\":\"([0-9a-f]+)\"");

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	private AdminProxyCost() {
	}

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(args[0]);
		int rounds = Integer.parseInt(args[1]);
		int mebibytes = Integer.parseInt(args[2]);
		Path directory = Files.createTempDirectory("admin-proxy-cost-");
		writeDump(Files.createDirectories(directory.resolve("flight-recorder-dumps")).resolve(DUMP), mebibytes);
		int adminPort = freePort();
		int appPort = freePort();
		try (ConfigurableApplicationContext admin = new SpringApplicationBuilder(AdminServerApplication.class).run(
				"--server.port=" + adminPort, "--flight-recorder.enabled=false", "--spring.main.banner-mode=off",
				"--logging.level.root=warn", "--spring.thymeleaf.check-template-location=false")) {
			Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-jar", jar.toAbsolutePath().toString(), "--server.port=" + appPort,
					"--spring.boot.admin.client.url=http://localhost:" + adminPort,
					"--spring.boot.admin.client.instance.service-base-url=http://localhost:" + appPort)
				.directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("app.log").toFile())
				.start();
			try {
				String instance = awaitInstance(adminPort);
				String direct = "http://localhost:" + appPort + "/actuator/flightdumps/" + DUMP;
				String proxied = "http://localhost:" + adminPort + "/instances/" + instance + "/actuator/flightdumps/"
						+ DUMP;
				download(direct, mebibytes);
				download(proxied, mebibytes);
				List<double[]> directRuns = new ArrayList<>();
				List<double[]> proxiedRuns = new ArrayList<>();
				for (int round = 0; round < rounds; round++) {
					directRuns.add(download(direct, mebibytes));
					proxiedRuns.add(download(proxied, mebibytes));
				}
				double directRate = Rounds.median(directRuns, 0);
				double proxiedRate = Rounds.median(proxiedRuns, 0);
				System.out.printf("| %d MiB | %.0f MiB/s | %.0f MiB/s | %.2f | %.1f MiB | %.1f MiB |%n", mebibytes,
						directRate, proxiedRate, proxiedRate / directRate, Rounds.median(directRuns, 1),
						Rounds.median(proxiedRuns, 1));
			}
			finally {
				app.destroy();
				app.waitFor();
			}
		}
	}

	/**
	 * Returns the throughput in MiB/s of one download, read in 64 KiB pieces and counted, and
	 * the peak heap in MiB of this JVM (the Spring Boot Admin server's) during it, from a heap
	 * just collected.
	 */
	private static double[] download(String url, int mebibytes) throws Exception {
		PeakHeap.reset();
		long start = System.nanoTime();
		// the Accept of a browser's download or of curl: without one, the proxy asks for actuator JSON
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.header("Accept", "*/*")
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString("ops:flight-recorder".getBytes(StandardCharsets.UTF_8)))
			.build();
		HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
		long read = 0;
		try (InputStream body = response.body()) {
			byte[] buffer = new byte[64 * 1024];
			for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
				read += n;
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		if (response.statusCode() != 200 || read != mebibytes * 1048576L) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + " with " + read + " bytes");
		}
		return new double[] { mebibytes / seconds, PeakHeap.mebibytes() };
	}

	/**
	 * Waits until Spring Boot Admin has found the sample app's flightdumps endpoint, and
	 * returns the instance's ID.
	 */
	private static String awaitInstance(int adminPort) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + adminPort + "/instances"))
			.header("Accept", "application/json")
			.build();
		long deadline = System.nanoTime() + 120_000_000_000L;
		while (System.nanoTime() < deadline) {
			String instances = CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body();
			Matcher id = INSTANCE.matcher(instances);
			if (instances.contains("\"flightdumps\"") && id.find()) {
				return id.group(1);
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("The sample app did not register with Spring Boot Admin within 2 minutes");
	}

	private static void writeDump(Path file, int mebibytes) throws IOException {
		byte[] block = new byte[1048576];
		Random random = new Random(42);
		try (OutputStream out = Files.newOutputStream(file)) {
			for (int i = 0; i < mebibytes; i++) {
				random.nextBytes(block);
				out.write(block);
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * A Spring Boot Admin server as its documentation starts one, without security.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableAdminServer
	static class AdminServerApplication {

	}

}

package io.flightrecorder.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import io.flightrecorder.FlightRecorder;
import jdk.jfr.Recording;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample app's snapshot over HTTP side by side with what an operator would use instead,
 * on the same recording data, alternating, for rings of the given sizes:
 * <ul>
 * <li>{@code flightrecording}: {@code GET /actuator/flightrecording};</li>
 * <li>{@code naive}: {@code Recording.dump(tempFile)} of the same recording, then the file
 * streamed ({@link NaiveDumpController});</li>
 * <li>{@code jcmd}: {@code jcmd <pid> JFR.dump name=flight-recorder} to a file, including its
 * start and attach;</li>
 * <li>{@code raw read}: a sequential read of the repository's newest chunk files, as many
 * bytes as the last snapshot, the limit of any copy;</li>
 * <li>{@code HTTP of as many bytes}: as many bytes as the last snapshot from memory over the
 * same HTTP stack, the limit of any HTTP download;</li>
 * <li>{@code rotation}: {@code copy(true)} of the ring, the chunk rotation every fresh
 * snapshot pays.</li>
 * </ul>
 * Each ring (period 60 s, so that the size bounds it) is filled first; during the
 * measurements the app serves a steady load of CPU requests and records a fortieth of the
 * ring per second more, so that the ring stays full. Then, with the largest ring, the latency of requests
 * rejected (409) while a slow client holds a snapshot. Runs the sample app in this JVM: its
 * classes must be on the class path ({@code benchmarks/compare.sh} does it). Its operator's
 * password is checked as plain text ({@link PlainPasswords}), so that what is timed is the
 * endpoint, not Spring Security's password hashing.
 * <p>
 * Arguments: rounds, then ring sizes in MiB.
 */
public final class SnapshotComparison {

	private static final String AUTHORIZATION = "Basic "
			+ Base64.getEncoder().encodeToString("ops:flight-recorder".getBytes(StandardCharsets.UTF_8));

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final int port;

	private final FlightRecorder recorder;

	private SnapshotComparison(ConfigurableApplicationContext context) {
		this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
		this.recorder = context.getBean(FlightRecorder.class);
	}

	public static void main(String[] args) throws Exception {
		int rounds = Integer.parseInt(args[0]);
		System.out.println("| ring | method | first byte (ms) | last byte (ms) | bytes |");
		System.out.println("|---|---|---|---|---|");
		List<String> rejected = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			int mebibytes = Integer.parseInt(args[i]);
			try (ConfigurableApplicationContext context = start(mebibytes)) {
				SnapshotComparison comparison = new SnapshotComparison(context);
				comparison.fill(mebibytes * 1024L * 1024);
				try (Load load = new Load(mebibytes * 1024L * 1024 / 40); CpuLoad cpu = comparison.new CpuLoad()) {
					comparison.compare(mebibytes, rounds);
					if (i == args.length - 1) {
						rejected.add(comparison.rejected(mebibytes, 20));
					}
				}
			}
		}
		System.out.println();
		rejected.forEach(System.out::println);
	}

	private static ConfigurableApplicationContext start(int mebibytes) throws ClassNotFoundException {
		return new SpringApplicationBuilder(Class.forName("io.flightrecorder.sample.SampleApplication"),
				NaiveDumpController.class, PlainPasswords.class)
			.run("--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=warn",
					"--flight-recorder.size=" + mebibytes + "MB", "--flight-recorder.period=60s",
					"--flight-recorder.min-free-space=1MB", "--flight-recorder.triggers.slow-observation.enabled=false",
					"--flight-recorder.triggers.error.enabled=false", "--flight-recorder.dumps.on-exit=false");
	}

	/**
	 * Records fast until the ring is three quarters full (JFR trims it by whole chunks, so
	 * it is never quite full), ending a chunk every second so that it holds several; gives up
	 * after a minute.
	 */
	private void fill(long bytes) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
		try (Load fill = new Load(Math.max(bytes / 8, 128 * 1024))) {
			while (this.recorder.status().retainedBytes() < bytes * 3 / 4 && System.nanoTime() < deadline) {
				Thread.sleep(1000);
				rotation();
			}
		}
	}

	private void compare(int mebibytes, int rounds) throws Exception {
		Map<String, List<double[]>> results = new LinkedHashMap<>();
		List<String> methods = new ArrayList<>(
				List.of("flightrecording", "naive", "jcmd", "raw read", "HTTP of as many bytes", "rotation"));
		long lastBytes = this.recorder.status().retainedBytes();
		for (int round = 0; round < rounds; round++) {
			Collections.rotate(methods, 1);
			for (String method : methods) {
				Thread.sleep(500);
				double[] result = switch (method) {
					case "flightrecording" -> http("/actuator/flightrecording");
					case "naive" -> http("/naive-dump");
					case "jcmd" -> jcmd();
					case "raw read" -> rawRead(lastBytes);
					case "HTTP of as many bytes" -> http("/bytes?count=" + lastBytes);
					default -> rotation();
				};
				if (method.equals("flightrecording")) {
					lastBytes = (long) result[2];
				}
				results.computeIfAbsent(method, (key) -> new ArrayList<>()).add(result);
			}
		}
		for (Map.Entry<String, List<double[]>> entry : results.entrySet()) {
			List<double[]> samples = entry.getValue();
			System.out.printf("| %d MiB | %s | %s | %s | %s |%n", mebibytes, entry.getKey(),
					summary(samples, (sample) -> sample[0], "%.1f"), summary(samples, (sample) -> sample[1], "%.1f"),
					summary(samples, (sample) -> sample[2], "%.0f"));
		}
	}

	/**
	 * Returns the time to first byte (response headers), to last byte, and the bytes.
	 */
	private double[] http(String path) throws IOException, InterruptedException {
		long start = System.nanoTime();
		HttpResponse<InputStream> response = this.client.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
					.header("Authorization", AUTHORIZATION)
					.build(),
				HttpResponse.BodyHandlers.ofInputStream());
		long firstByte = System.nanoTime();
		long bytes;
		try (InputStream body = response.body()) {
			bytes = body.transferTo(OutputStream.nullOutputStream());
		}
		long lastByte = System.nanoTime();
		if (response.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + response.statusCode());
		}
		return new double[] { millis(firstByte - start), millis(lastByte - start), bytes };
	}

	private double[] jcmd() throws IOException, InterruptedException {
		Path file = Files.createTempFile("jcmd-", ".jfr");
		Files.delete(file);
		Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
		long start = System.nanoTime();
		Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(ProcessHandle.current().pid()), "JFR.dump",
				"name=flight-recorder", "filename=" + file)
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException("jcmd JFR.dump failed or hung");
		}
		long end = System.nanoTime();
		long bytes = Files.size(file);
		Files.delete(file);
		return new double[] { Double.NaN, millis(end - start), bytes };
	}

	/**
	 * Reads the newest chunk files of the repository, the given bytes in all, in 1 MiB
	 * blocks.
	 */
	private double[] rawRead(long bytes) throws IOException {
		Path repository = Paths.get(System.getProperty("jdk.jfr.repository"));
		List<Path> chunks;
		try (Stream<Path> files = Files.list(repository)) {
			chunks = new ArrayList<>(files.filter((file) -> file.toString().endsWith(".jfr")).sorted().toList());
		}
		Collections.reverse(chunks);
		ByteBuffer buffer = ByteBuffer.allocateDirect(1024 * 1024);
		long read = 0;
		long start = System.nanoTime();
		for (Path chunk : chunks) {
			try (FileChannel channel = FileChannel.open(chunk, StandardOpenOption.READ)) {
				int n;
				while (read < bytes
						&& (n = channel.read(buffer.clear().limit((int) Math.min(buffer.capacity(), bytes - read)))) > 0) {
					read += n;
				}
			}
			if (read >= bytes) {
				break;
			}
		}
		return new double[] { Double.NaN, millis(System.nanoTime() - start), read };
	}

	private double[] rotation() {
		Recording ring = NaiveDumpController.ring();
		long start = System.nanoTime();
		ring.copy(true).close();
		return new double[] { Double.NaN, millis(System.nanoTime() - start), Double.NaN };
	}

	/**
	 * Holds a snapshot with a client that reads nothing after the headers, then times
	 * requests that are refused meanwhile.
	 */
	private String rejected(int mebibytes, int requests) throws Exception {
		try (Socket slow = new Socket()) {
			slow.setReceiveBufferSize(4096);
			slow.connect(new java.net.InetSocketAddress("localhost", this.port));
			slow.getOutputStream()
				.write(("GET /actuator/flightrecording HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + AUTHORIZATION
						+ "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			slow.getInputStream().read(new byte[256]);
			List<double[]> samples = new ArrayList<>();
			int statusOther = 0;
			for (int i = 0; i < requests; i++) {
				long start = System.nanoTime();
				HttpResponse<String> response = this.client.send(
						HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/flightrecording"))
							.header("Authorization", AUTHORIZATION)
							.build(),
						HttpResponse.BodyHandlers.ofString());
				double elapsed = millis(System.nanoTime() - start);
				if (response.statusCode() == 409) {
					samples.add(new double[] { elapsed });
				}
				else {
					statusOther++;
				}
				Thread.sleep(20);
			}
			return "409 while a slow client holds a snapshot of the " + mebibytes + " MiB ring: "
					+ summary(samples, (sample) -> sample[0], "%.2f") + " ms over " + samples.size() + " requests"
					+ ((statusOther > 0) ? " (" + statusOther + " not 409)" : "");
		}
	}

	private static String summary(List<double[]> samples, ToDoubleFunction<double[]> value, String format) {
		double[] values = samples.stream().mapToDouble(value).filter((v) -> !Double.isNaN(v)).sorted().toArray();
		if (values.length == 0) {
			return "-";
		}
		return "**" + String.format(format, values[values.length / 2]) + "** (" + String.format(format, values[0])
				+ " - " + String.format(format, values[values.length - 1]) + ")";
	}

	private static double millis(long nanos) {
		return nanos / 1e6;
	}

	/**
	 * Steady CPU requests to the sample app, one at a time, from a daemon thread.
	 */
	private final class CpuLoad implements AutoCloseable {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final Thread thread = new Thread(this::run, "benchmark-cpu-load");

		CpuLoad() {
			this.thread.setDaemon(true);
			this.thread.start();
		}

		private void run() {
			while (this.running.get()) {
				try {
					SnapshotComparison.this.client.send(HttpRequest
						.newBuilder(URI.create("http://localhost:" + SnapshotComparison.this.port + "/cpu?n=200000"))
						.build(), HttpResponse.BodyHandlers.discarding());
				}
				catch (IOException | InterruptedException ex) {
					return;
				}
			}
		}

		@Override
		public void close() throws InterruptedException {
			this.running.set(false);
			this.thread.join();
		}

	}

}

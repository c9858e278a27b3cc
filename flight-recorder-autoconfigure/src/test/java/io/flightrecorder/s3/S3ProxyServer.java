package io.flightrecorder.s3;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * S3Proxy, a real S3-compatible server, run as a separate process on a file system
 * directory, so that a test can kill it and start it again on the same port and data. Its
 * class path is the one the {@code s3proxy} module wrote; the system property
 * {@code s3proxy.classpath} names that file.
 */
public final class S3ProxyServer implements AutoCloseable {

	public static final String IDENTITY = "flight-recorder-test";

	public static final String CREDENTIAL = "s3proxy-test-secret-credential";

	private final Path directory;

	private final int port;

	private Process process;

	private S3ProxyServer(Path directory, int port) throws IOException {
		this.directory = directory;
		this.port = port;
		this.process = launch();
	}

	/**
	 * Starts a server that keeps its buckets under the given directory, on a free port below
	 * the ephemeral range (32768 and up on Linux), so that no outgoing connection of this
	 * host can take it between the check and S3Proxy's bind, nor when it starts again.
	 */
	public static S3ProxyServer start(Path directory) throws IOException {
		Random random = new Random();
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = 20000 + random.nextInt(12000);
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				socket.close();
				return new S3ProxyServer(directory, port);
			}
			catch (IOException ex) {
				// taken: try another
			}
		}
		throw new IllegalStateException("No free port found for S3Proxy");
	}

	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	/**
	 * Returns a client of the server with the right credentials.
	 */
	public S3Client client() {
		return client(CREDENTIAL);
	}

	public S3Client client(String credential) {
		return builder(credential).build();
	}

	/**
	 * Returns a client of the server with the right credentials that tells an interceptor of
	 * each request.
	 */
	public S3Client client(ExecutionInterceptor interceptor) {
		return builder(CREDENTIAL).overrideConfiguration((config) -> config.addExecutionInterceptor(interceptor))
			.build();
	}

	private S3ClientBuilder builder(String credential) {
		return S3Client.builder()
			.endpointOverride(endpoint())
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, credential)));
	}

	/**
	 * Returns the properties that point Spring Cloud AWS's S3 client at this server.
	 */
	public String[] springCloudAwsProperties() {
		return new String[] { "spring.cloud.aws.s3.endpoint=" + endpoint(),
				"spring.cloud.aws.s3.path-style-access-enabled=true", "spring.cloud.aws.region.static=us-east-1",
				"spring.cloud.aws.credentials.access-key=" + IDENTITY,
				"spring.cloud.aws.credentials.secret-key=" + CREDENTIAL };
	}

	/**
	 * Kills the server at once, as a crash or a lost network would, in the middle of
	 * whatever it was doing.
	 */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	/**
	 * Starts the server again on the same port and data.
	 */
	public void restart() throws IOException, InterruptedException {
		kill();
		this.process = launch();
	}

	@Override
	public void close() throws InterruptedException {
		kill();
	}

	private Process launch() throws IOException {
		String classPath = System.getProperty("s3proxy.classpath");
		if (classPath == null || !Files.isRegularFile(Path.of(classPath))) {
			throw new IllegalStateException("No S3Proxy class path at " + classPath
					+ ": build from the root of the project, so that the s3proxy module writes it");
		}
		Path data = Files.createDirectories(this.directory.resolve("data"));
		Path properties = this.directory.resolve("s3proxy.properties");
		Files.write(properties, List.of("s3proxy.endpoint=" + endpoint(), "s3proxy.authorization=aws-v2-or-v4",
				"s3proxy.identity=" + IDENTITY, "s3proxy.credential=" + CREDENTIAL, "jclouds.provider=filesystem",
				"jclouds.filesystem.basedir=" + data));
		Path logging = this.directory.resolve("logback.xml");
		Files.writeString(logging, "<configuration><appender name=\"out\" class=\"ch.qos.logback.core.ConsoleAppender\">"
				+ "<encoder><pattern>%d %level %logger - %msg%n</pattern></encoder></appender>"
				+ "<root level=\"INFO\"><appender-ref ref=\"out\"/></root></configuration>");
		Path log = this.directory.resolve("s3proxy.log");
		long offset = Files.exists(log) ? Files.size(log) : 0;
		Process started = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-Dlogback.configurationFile=" + logging, "-cp", Files.readString(Path.of(classPath)).trim(), "org.gaul.s3proxy.Main", "--properties",
				properties.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			if (!started.isAlive()) {
				String output = Files.readString(log);
				throw new IllegalStateException("S3Proxy exited with " + started.exitValue() + ":\n"
						+ output.substring(Math.max(0, output.length() - 4000)));
			}
			if (started(log, offset)) {
				return started;
			}
			sleep();
		}
		started.destroyForcibly();
		throw new IllegalStateException("S3Proxy did not listen on port " + this.port + " within 60 s");
	}

	/**
	 * Returns whether the server says it has started, in what it logged after the given
	 * offset of its log. The port is not polled: a connect to a free port of the ephemeral
	 * range can succeed to itself (a TCP self-connect) and then hold the port.
	 */
	private boolean started(Path log, long offset) throws IOException {
		if (!Files.exists(log)) {
			return false;
		}
		byte[] bytes = Files.readAllBytes(log);
		return new String(bytes, (int) Math.min(offset, bytes.length), (int) Math.max(bytes.length - offset, 0),
				StandardCharsets.UTF_8)
			.contains("Started ogsoejs.Server");
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

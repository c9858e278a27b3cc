package io.flightrecorder.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A store that answers a download without a {@code Content-Length} (chunked, as some S3
 * gateways do): S3Proxy always sends one, so a plain HTTP server plays that store here, and
 * the real AWS SDK talks to it.
 */
class S3DumpStorageWithoutContentLengthTests {

	@Test
	void aDownloadWithoutContentLengthFailsSayingSoAndReleasesTheConnection() throws Exception {
		CompletableFuture<IOException> bodyWrite = new CompletableFuture<>();
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", (exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				byte[] chunk = new byte[64 * 1024];
				// 6 GiB: the write ends only when the client closes the connection
				for (int i = 0; i < 100_000; i++) {
					out.write(chunk);
				}
				bodyWrite.complete(null);
			}
			catch (IOException ex) {
				bodyWrite.complete(ex);
			}
		});
		ExecutorService executor = Executors.newSingleThreadExecutor();
		server.setExecutor(executor);
		server.start();
		try (S3Client client = S3Client.builder()
			.endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
			.build()) {
			S3DumpStorage storage = new S3DumpStorage(client, "dumps", "flight-recorder", "orders", "pod-a");
			assertThatIllegalStateException()
				.isThrownBy(() -> storage.open("orders", "pod-a", "orders-20261207T101500000Z-slow.jfr"))
				.withMessageContaining("flight-recorder/orders/pod-a/orders-20261207T101500000Z-slow.jfr")
				.withMessageContaining("without a Content-Length");
			assertThat(bodyWrite.get(30, TimeUnit.SECONDS)).as("the store's write fails: the connection was closed")
				.isInstanceOf(IOException.class);
		}
		finally {
			server.stop(0);
			executor.shutdownNow();
		}
	}

}

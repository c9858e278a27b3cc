package io.flightrecorder.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Speaks HTTP to a running sample app, as the operator configured in its
 * {@code application.yml} or anonymously.
 */
public final class SampleAppClient {

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final Pattern RETAINED = Pattern.compile("\"retainedBytes\":(\\d+)");

	private final String baseUri;

	SampleAppClient(String host, int port) {
		this.baseUri = "http://" + host + ":" + port;
	}

	/**
	 * Sends a GET as the operator.
	 */
	public <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> body) {
		return send(request(path).header("Authorization", basic("ops", "flight-recorder")), body);
	}

	/**
	 * Takes a snapshot as the operator. The sample app's triggers write dumps by themselves
	 * after slow requests, and a request made while one is written gets 409: as the docs
	 * advise, it is asked again, for up to 10 seconds.
	 */
	<T> HttpResponse<T> snapshot(HttpResponse.BodyHandler<T> body) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		HttpResponse<T> response = get("/actuator/flightrecording", body);
		while (response.statusCode() == 409 && System.nanoTime() < deadline) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			response = get("/actuator/flightrecording", body);
		}
		return response;
	}

	/**
	 * Commits the sample app's own small JFR events ({@code /events}) until its health says
	 * the ring holds at least the given number of bytes, or 200 rounds have passed.
	 * @return the bytes the ring holds
	 */
	long fillRing(long bytes) {
		long retained = 0;
		for (int i = 0; i < 200 && retained < bytes; i++) {
			int status = anonymous("/events?count=50000", HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status != 200) {
				throw new IllegalStateException("GET /events answered " + status);
			}
			Matcher matcher = RETAINED.matcher(get("/actuator/health", HttpResponse.BodyHandlers.ofString()).body());
			retained = matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
		}
		return retained;
	}

	/**
	 * Sends a GET with no credentials.
	 */
	public <T> HttpResponse<T> anonymous(String path, HttpResponse.BodyHandler<T> body) {
		return send(request(path), body);
	}

	public HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUri + path));
	}

	public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
		try {
			return this.client.send(request.build(), body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}

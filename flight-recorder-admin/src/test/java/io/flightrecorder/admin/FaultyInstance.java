package io.flightrecorder.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An instance whose flight recorder endpoints fail as told: they answer a status with the
 * endpoints' JSON message, or answer after a delay. Its actuator index and health answer at
 * once, as those of an instance whose flight recorder alone is in trouble, and its endpoints
 * allow reads only. Spring Boot Admin
 * learns of it through its registration API.
 */
final class FaultyInstance implements AutoCloseable {

	private final HttpServer server;

	private volatile int status = 200;

	private volatile Duration delay = Duration.ZERO;

	FaultyInstance() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		this.server.createContext("/actuator", this::answer);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.start();
	}

	String url() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	/**
	 * The registration Spring Boot Admin's client would send for it.
	 */
	String registration(String name) {
		return """
				{"name":"%1$s","managementUrl":"%2$s/actuator","healthUrl":"%2$s/actuator/health","serviceUrl":"%2$s/"}"""
			.formatted(name, url());
	}

	/**
	 * Makes the flight recorder endpoints answer this status at once.
	 */
	void answer(int status) {
		this.status = status;
		this.delay = Duration.ZERO;
	}

	/**
	 * Makes the flight recorder endpoints answer 200 after the delay.
	 */
	void answerAfter(Duration delay) {
		this.status = 200;
		this.delay = delay;
	}

	private void answer(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		if (path.equals("/actuator")) {
			String links = """
					{"_links":{"self":{"href":"%1$s/actuator","templated":false},\
					"health":{"href":"%1$s/actuator/health","templated":false},\
					"flightrecording":{"href":"%1$s/actuator/flightrecording","templated":false},\
					"flightdumps":{"href":"%1$s/actuator/flightdumps","templated":false}}}""".formatted(url());
			send(exchange, 200, links);
		}
		else if (path.equals("/actuator/health")) {
			send(exchange, 200, "{\"status\":\"UP\"}");
		}
		else if (exchange.getRequestMethod().equals("OPTIONS")) {
			// what Spring MVC answers for endpoints of read-only access
			exchange.getResponseHeaders().set("Allow", "GET,HEAD,OPTIONS");
			send(exchange, 200, "");
		}
		else {
			pause(this.delay);
			send(exchange, this.status, body(this.status, path));
		}
	}

	/**
	 * What a Spring Boot application answers: Spring Security's empty 401 and 403, Spring
	 * Boot's error body for an endpoint that is not exposed, the endpoint's own message for a
	 * 409.
	 */
	private static String body(int status, String path) {
		return switch (status) {
			case 200 -> "{\"directory\":\"/dumps\",\"dumps\":[]}";
			case 404 -> "{\"status\":404,\"error\":\"Not Found\",\"path\":\"" + path + "\"}";
			case 409 -> "{\"status\":409,\"message\":\"Another flight recorder snapshot is being written; only one runs at a time\"}";
			default -> "";
		};
	}

	private static void send(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		if (body.length > 0) {
			exchange.getResponseHeaders().set("Content-Type", "application/vnd.spring-boot.actuator.v3+json");
		}
		exchange.sendResponseHeaders(status, (body.length > 0) ? body.length : -1);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static void pause(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}

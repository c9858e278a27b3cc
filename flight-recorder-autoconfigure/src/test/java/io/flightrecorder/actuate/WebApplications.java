package io.flightrecorder.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts real web applications on a free port and speaks HTTP to them.
 */
public final class WebApplications {

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private WebApplications() {
	}

	public static ConfigurableApplicationContext start(WebApplicationType type, String... properties) {
		return start(Application.class, type, properties);
	}

	public static ConfigurableApplicationContext start(Class<?> application, WebApplicationType type, String... properties) {
		return new SpringApplicationBuilder(application).web(type)
			.properties("server.port=0", "spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

	public static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/**
	 * Returns the port of the actuator's own web server, started when
	 * {@code management.server.port} is set.
	 */
	public static int managementPort(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
	}

	public static HttpResponse<byte[]> get(ConfigurableApplicationContext context, String path)
			throws IOException, InterruptedException {
		return send(context, "GET", path);
	}

	public static HttpResponse<byte[]> send(ConfigurableApplicationContext context, String method, String path)
			throws IOException, InterruptedException {
		return send(context, method, path, null);
	}

	/**
	 * Sends a request with a JSON body, or none if {@code json} is null.
	 */
	public static HttpResponse<byte[]> send(ConfigurableApplicationContext context, String method, String path,
			@Nullable String json) throws IOException, InterruptedException {
		return send(context, port(context), method, path, json);
	}

	/**
	 * Sends a request to one of the application's ports, with a JSON body, or none if
	 * {@code json} is null.
	 */
	public static HttpResponse<byte[]> send(ConfigurableApplicationContext context, int port, String method,
			String path, @Nullable String json) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(60))
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json)
					: HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (context instanceof ReactiveWebApplicationContext) {
			// Reactor Netty 1.3.6 can leave the next request on a kept-alive connection unread
			// (reactor/reactor-netty#4361), so each request to WebFlux gets its own, as curl's do
			request.header("Connection", "close");
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	public static class Application {

	}

}

package io.flightrecorder.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import de.codecentric.boot.admin.server.config.AdminServerProperties;
import de.codecentric.boot.admin.server.config.EnableAdminServer;
import io.flightrecorder.sample.SampleAppClient;
import jakarta.servlet.DispatcherType;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import static org.awaitility.Awaitility.await;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.POST;

/**
 * A Spring Boot Admin server with this module on its class path, secured as Spring Boot
 * Admin's documentation shows (a login page, HTTP basic for the clients, CSRF tokens in a
 * cookie), and registered with itself: an application without the flight recorder starter.
 */
final class AdminServer implements AutoCloseable {

	static final String USER = "admin";

	static final String PASSWORD = "admin-secret";

	private final ConfigurableApplicationContext context;

	private final int port;

	private final HttpClient client = HttpClient.newHttpClient();

	private AdminServer(ConfigurableApplicationContext context, int port) {
		this.context = context;
		this.port = port;
	}

	static AdminServer start() throws IOException {
		int port = freePort();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class).run(
				"--server.port=" + port, "--spring.application.name=admin-server",
				"--spring.security.user.name=" + USER, "--spring.security.user.password=" + PASSWORD,
				"--spring.boot.admin.client.url=http://localhost:" + port,
				"--spring.boot.admin.client.username=" + USER, "--spring.boot.admin.client.password=" + PASSWORD,
				"--spring.boot.admin.client.instance.metadata.user.name=" + USER,
				"--spring.boot.admin.client.instance.metadata.user.password=" + PASSWORD,
				"--spring.boot.admin.client.period=2s", "--spring.boot.admin.monitor.status-interval=2s",
				"--management.endpoints.web.exposure.include=health,info,env",
				"--management.endpoint.health.show-details=always");
		return new AdminServer(context, port);
	}

	String url() {
		return "http://localhost:" + this.port;
	}

	int port() {
		return this.port;
	}

	/**
	 * Sends a request to the server's REST API, as a client of it does.
	 */
	HttpResponse<String> send(String method, String path, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", SampleAppClient.basic(USER, PASSWORD))
			.header("Accept", "application/json");
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json)
				: HttpRequest.BodyPublishers.noBody());
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Waits until Spring Boot Admin knows an instance of the application with the endpoint,
	 * and returns its ID.
	 */
	String instanceOf(String application, String endpoint) {
		return await().atMost(Duration.ofSeconds(60)).until(() -> {
			List<String> ids = JsonPath.read(send("GET", "/instances", null).body(), "$[?(@.registration.name == '"
					+ application + "' && '" + endpoint + "' in @.endpoints[*].id)].id");
			return ids.isEmpty() ? null : ids.get(0);
		}, Objects::nonNull);
	}

	@Override
	public void close() {
		this.context.close();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableAdminServer
	static class Application {

		@Bean
		SecurityFilterChain adminSecurity(HttpSecurity http, AdminServerProperties adminServer) {
			SavedRequestAwareAuthenticationSuccessHandler successHandler = new SavedRequestAwareAuthenticationSuccessHandler();
			successHandler.setTargetUrlParameter("redirectTo");
			successHandler.setDefaultTargetUrl(adminServer.path("/"));
			PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
			http.authorizeHttpRequests((requests) -> requests
				.requestMatchers(paths.matcher(adminServer.path("/assets/**")), paths.matcher(adminServer.path("/login")),
						paths.matcher(adminServer.path("/variables.css")))
				.permitAll()
				.dispatcherTypeMatchers(DispatcherType.ASYNC)
				.permitAll()
				.anyRequest()
				.authenticated())
				.formLogin((login) -> login.loginPage(adminServer.path("/login")).successHandler(successHandler))
				.logout((logout) -> logout.logoutUrl(adminServer.path("/logout")))
				.httpBasic(Customizer.withDefaults())
				.addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
				.csrf((csrf) -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
					.csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
					.ignoringRequestMatchers(paths.matcher(POST, adminServer.path("/instances")),
							paths.matcher(DELETE, adminServer.path("/instances/*")),
							paths.matcher(adminServer.path("/actuator/**"))));
			http.rememberMe((rememberMe) -> rememberMe.key(UUID.randomUUID().toString()));
			return http.build();
		}

	}

}

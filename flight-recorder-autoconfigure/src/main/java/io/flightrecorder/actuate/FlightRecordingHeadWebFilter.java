package io.flightrecorder.actuate;

import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers {@code HEAD} requests to the {@link FlightRecordingEndpoint} on Spring WebFlux
 * without taking a snapshot (see {@link FlightRecordingEndpoint#head()}). Ordered last, so
 * that the application's security filters have decided on the request first.
 */
public class FlightRecordingHeadWebFilter implements WebFilter, Ordered {

	private final FlightRecordingEndpoint endpoint;

	private final Supplier<String> path;

	/**
	 * Creates a filter for the endpoint at the given path.
	 * @param endpoint the endpoint
	 * @param path its path within the application, such as {@code /actuator/flightrecording},
	 * asked for at each request
	 */
	public FlightRecordingHeadWebFilter(FlightRecordingEndpoint endpoint, Supplier<String> path) {
		this.endpoint = endpoint;
		this.path = path;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getMethod() != HttpMethod.HEAD
				|| !this.path.get().equals(exchange.getRequest().getPath().pathWithinApplication().value())) {
			return chain.filter(exchange);
		}
		FlightRecordingEndpoint.Head head = this.endpoint.head();
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatusCode.valueOf(head.status()));
		response.getHeaders().addAll(head.headers());
		return response.setComplete();
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}

package io.flightrecorder.actuate;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Answers {@code HEAD} requests to the {@link FlightRecordingEndpoint} on Spring MVC without
 * taking a snapshot (see {@link FlightRecordingEndpoint#head()}). Ordered last, so that the
 * application's security filters have decided on the request first.
 */
public class FlightRecordingHeadFilter extends OncePerRequestFilter implements Ordered {

	private static final UrlPathHelper PATHS = new UrlPathHelper();

	private final FlightRecordingEndpoint endpoint;

	private final Supplier<String> path;

	/**
	 * Creates a filter for the endpoint at the given path.
	 * @param endpoint the endpoint
	 * @param path its path within the application, such as {@code /actuator/flightrecording},
	 * asked for at each request
	 */
	public FlightRecordingHeadFilter(FlightRecordingEndpoint endpoint, Supplier<String> path) {
		this.endpoint = endpoint;
		this.path = path;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"HEAD".equals(request.getMethod()) || !this.path.get().equals(PATHS.getPathWithinApplication(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		FlightRecordingEndpoint.Head head = this.endpoint.head();
		response.setStatus(head.status());
		head.headers().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}

package io.flightrecorder.actuate;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.web.util.UrlPathHelper;

/**
 * Answers {@code HEAD} requests to the {@link FlightRecordingEndpoint} on Spring MVC without
 * taking a snapshot (see {@link FlightRecordingEndpoint#head()}). Ordered last, so that the
 * application's security filters have decided on the request first.
 * <p>
 * Every request of the application passes through it, so it looks at the method first and
 * at nothing else unless that is {@code HEAD}: a plain filter rather than a
 * {@code OncePerRequestFilter}, whose bookkeeping (an attribute name built, set and removed
 * on the request) would cost each request more than the filter's own check.
 */
public class FlightRecordingHeadFilter implements Filter, Ordered {

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
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request instanceof HttpServletRequest http && "HEAD".equals(http.getMethod())
				&& response instanceof HttpServletResponse httpResponse
				&& this.path.get().equals(PATHS.getPathWithinApplication(http))) {
			FlightRecordingEndpoint.Head head = this.endpoint.head();
			httpResponse.setStatus(head.status());
			head.headers().forEach((name, values) -> values.forEach((value) -> httpResponse.addHeader(name, value)));
			return;
		}
		chain.doFilter(request, response);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}

package io.flightrecorder.admin;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;

/**
 * Hands the CSRF token to Spring Boot Admin's UI in the {@code XSRF-TOKEN} cookie, which its
 * requests send back as a header: the filter of Spring Boot Admin's documented security set-up.
 */
final class CsrfCookieFilter extends OncePerRequestFilter {

	private static final String COOKIE = "XSRF-TOKEN";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		if (csrf != null) {
			Cookie cookie = WebUtils.getCookie(request, COOKIE);
			String token = csrf.getToken();
			if (cookie == null || !token.equals(cookie.getValue())) {
				cookie = new Cookie(COOKIE, token);
				cookie.setPath("/");
				response.addCookie(cookie);
			}
		}
		chain.doFilter(request, response);
	}

}

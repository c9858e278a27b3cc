package io.flightrecorder.benchmarks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks the sample app's passwords as plain text. By default Spring Security hashes the
 * password of every HTTP basic request with BCrypt (about 85 ms here), which would hide the
 * latency of the endpoint itself. For measurements only.
 */
@Configuration(proxyBeanMethods = false)
public class PlainPasswords {

	@Bean
	@SuppressWarnings("deprecation")
	PasswordEncoder plainPasswordEncoder() {
		return NoOpPasswordEncoder.getInstance();
	}

}

package io.flightrecorder.sample;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * A request that crosses two services: it calls {@code /slow} on a downstream service
 * ({@code sample.downstream-url}, another instance of this application) with Boot's
 * {@link RestClient}, which propagates the trace (W3C {@code traceparent}), then works a
 * little itself. A slow downstream makes both services' requests slow, so each saves a dump
 * that holds the same trace.
 */
@RestController
class CheckoutController {

	private final RestClient downstream;

	CheckoutController(RestClient.Builder builder, @Value("${sample.downstream-url}") String downstreamUrl) {
		this.downstream = builder.baseUrl(downstreamUrl).build();
	}

	@GetMapping("/checkout")
	Map<String, Object> checkout(@RequestParam(defaultValue = "1200") long millis) throws InterruptedException {
		Map<?, ?> answer = this.downstream.get()
			.uri("/slow?millis={millis}", millis)
			.retrieve()
			.body(Map.class);
		Thread.sleep(50);
		return Map.of("downstream", (answer != null) ? answer : Map.of());
	}

}

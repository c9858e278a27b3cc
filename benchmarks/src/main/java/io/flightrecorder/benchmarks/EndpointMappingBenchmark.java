package io.flightrecorder.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * What finding the handler of an application request costs, as Spring MVC's dispatcher
 * does it: each handler mapping in order until one answers. The actuator's endpoint mapping
 * comes first, so every application request is tried against every exposed endpoint
 * operation, and those with a path variable ({@code /flightdumps/{name}}) are matched one by
 * one. Measured with the sample app's exposure (health, metrics, prometheus,
 * flightrecording, flightdumps), the starter disabled ({@code disabled}: its endpoints do
 * not exist) and enabled.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EndpointMappingBenchmark {

	@Param({ "disabled", "enabled" })
	public String starter;

	private ConfigurableApplicationContext context;

	private List<HandlerMapping> mappings;

	@Setup(Level.Trial)
	public void setUp() {
		this.context = new SpringApplicationBuilder(Application.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.main.banner-mode=off", "logging.level.root=warn",
					"flight-recorder.enabled=" + "enabled".equals(this.starter),
					"management.endpoints.web.exposure.include=health,metrics,prometheus,flightrecording,flightdumps")
			.run();
		this.mappings = new ArrayList<>(this.context.getBeansOfType(HandlerMapping.class).values());
		AnnotationAwareOrderComparator.sort(this.mappings);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.context.close();
	}

	@Benchmark
	public Object applicationRequest() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cpu");
		request.addHeader("Accept", "*/*");
		ServletRequestPathUtils.parseAndCache(request);
		for (HandlerMapping mapping : this.mappings) {
			HandlerExecutionChain handler = mapping.getHandler(request);
			if (handler != null) {
				return handler;
			}
		}
		throw new IllegalStateException("No handler for /cpu");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	public static class Application {

		@GetMapping("/cpu")
		String cpu() {
			return "ok";
		}

	}

}

package io.flightrecorder.actuate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.report.RecordingReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report pages of both endpoints over a real port, on Spring MVC and on Spring WebFlux.
 */
class FlightRecordingReportWebIntegrationTests {

	private static final String EXPOSED = "management.endpoints.web.exposure.include=flightrecording,flightdumps";

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void aFreshSnapshotIsReportedAndItsFileDeleted(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = start(type)) {
			HttpResponse<byte[]> report = WebApplications.get(context, "/actuator/flightrecording/report");
			assertThat(report.statusCode()).isEqualTo(200);
			assertThat(report.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html")
				.containsIgnoringCase("charset=UTF-8");
			assertThat(new String(report.body(), StandardCharsets.UTF_8)).contains("Flight recording of orders",
					"id='cpu-graph'", "id='analysis'", "href='../flightrecording'");
			assertThat(snapshotFiles()).isEmpty();
		}
	}

	@Test
	void aFreshSnapshotsReportOpensAtATraceOrSaysItIsNotInTheRing() throws Exception {
		String trace = java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(16));
		try (ConfigurableApplicationContext context = start(WebApplicationType.SERVLET)) {
			io.flightrecorder.TracedObservationEvent.commit("/orders/{id}", trace, "00f067aa0ba902b7");
			String page = new String(WebApplications.get(context, "/actuator/flightrecording/report?traceId=" + trace)
				.body(), StandardCharsets.UTF_8);
			assertThat(page).contains("<section id='trace'><h2>Trace " + trace + "</h2>", "id='trace-graph-0'",
					"<tr class='traced'>", "/orders/{id}").doesNotContain("id='trace-missing'");
			String aged = new String(WebApplications.get(context,
					"/actuator/flightrecording/report?traceId=0af7651916cd43dd8448eb211c80319c")
				.body(), StandardCharsets.UTF_8);
			assertThat(aged).contains("id='trace-missing'",
					"This recording holds no observation of trace 0af7651916cd43dd8448eb211c80319c",
					"has aged out of the ring");
			HttpResponse<byte[]> malformed = WebApplications.get(context, "/actuator/flightrecording/report?traceId=x");
			assertThat(malformed.statusCode()).isEqualTo(400);
			assertThat(snapshotFiles()).isEmpty();
		}
	}

	@Test
	void aFreshSnapshotsDownloadLinkFollowsThePathMapping() throws Exception {
		try (ConfigurableApplicationContext context = WebApplications.start(WebApplicationType.SERVLET,
				"management.endpoints.web.exposure.include=flightrecording",
				"management.endpoints.web.path-mapping.flightrecording=jfr")) {
			HttpResponse<byte[]> report = WebApplications.get(context, "/actuator/jfr/report");
			assertThat(report.statusCode()).isEqualTo(200);
			assertThat(new String(report.body(), StandardCharsets.UTF_8)).contains("href='../jfr'");
			assertThat(WebApplications.get(context, "/actuator/jfr").statusCode()).isEqualTo(200);
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void aSavedDumpIsReportedWithItsTriggerAndReason(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = start(type)) {
			SavedDump dump = context.getBean(DumpTriggers.class).fire("manual", "checking <the> report").get();
			HttpResponse<byte[]> report = WebApplications.get(context,
					"/actuator/flightdumps/" + dump.name() + "/report");
			assertThat(report.statusCode()).isEqualTo(200);
			assertThat(new String(report.body(), StandardCharsets.UTF_8)).contains("<dd>manual</dd>",
					"<dd>checking &lt;the&gt; report</dd>", "href='../" + dump.name() + "'");
			assertThat(WebApplications.get(context, "/actuator/flightdumps/nothing.jfr/report").statusCode())
				.isEqualTo(404);
			assertThat(WebApplications.get(context, "/actuator/flightdumps/" + dump.name() + "/other").statusCode())
				.isEqualTo(404);
			assertThat(this.directory.resolve("dumps").resolve(dump.name())).exists();
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void aSecondReportGetsAConflictWhileSnapshotsGoOn(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = start(type)) {
			try (RecordingReport.Permit busy = context.getBean(RecordingReport.class).start()) {
				HttpResponse<byte[]> refused = WebApplications.get(context, "/actuator/flightrecording/report");
				assertThat(refused.statusCode()).isEqualTo(409);
				assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("only one runs at a time");
				assertThat(WebApplications.get(context, "/actuator/flightrecording").statusCode()).isEqualTo(200);
			}
			assertThat(WebApplications.get(context, "/actuator/flightrecording/report").statusCode()).isEqualTo(200);
			assertThat(snapshotFiles()).isEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void aReportThatDoesNotFitTheHeapIsUnavailableSayingWhyAndLeavesNothing(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = start(type, "flight-recorder.report.build=in-process",
				"flight-recorder.report.heap-share=0.0001")) {
			SavedDump dump = context.getBean(DumpTriggers.class).fire("manual", "too big").get();
			for (String page : new String[] { "/actuator/flightrecording/report",
					"/actuator/flightdumps/" + dump.name() + "/report" }) {
				HttpResponse<byte[]> refused = WebApplications.get(context, page);
				assertThat(refused.statusCode()).isEqualTo(503);
				assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
				assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("MB recording needs about",
						"left free after the last garbage collection", "What works instead: a smaller ring (flight-recorder.size)",
						"flight-recorder.report.build=out-of-process", "java -jar flight-recorder-report.jar");
			}
			assertThat(snapshotFiles()).isEmpty();
			assertThat(this.directory.resolve("dumps").resolve(dump.name())).exists();
			assertThat(WebApplications.get(context, "/actuator/flightrecording").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void aReportBuiltInAProcessOfItsOwnIsThePage() throws Exception {
		try (ConfigurableApplicationContext context = start(WebApplicationType.SERVLET,
				"flight-recorder.report.build=out-of-process")) {
			HttpResponse<byte[]> report = WebApplications.get(context, "/actuator/flightrecording/report");
			assertThat(report.statusCode()).isEqualTo(200);
			assertThat(new String(report.body(), StandardCharsets.UTF_8)).contains("Flight recording of orders",
					"id='cpu-graph'", "id='analysis'", "href='../flightrecording'");
			assertThat(snapshotFiles()).isEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void anotherPageIsNotFound(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = start(type)) {
			HttpResponse<byte[]> response = WebApplications.get(context, "/actuator/flightrecording/summary");
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(new String(response.body(), StandardCharsets.UTF_8))
				.isEqualTo("{\"status\":404,\"message\":\"No page named 'summary'; the report is at 'report'\"}");
		}
	}

	@Test
	void withoutTheReportLibrariesTheReportSaysWhatIsMissing() throws Exception {
		FilteredClassLoader classLoader = new FilteredClassLoader("one.convert.");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApplications.Application.class)
			.resourceLoader(new DefaultResourceLoader(classLoader))
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.main.banner-mode=off", EXPOSED)
			.run()) {
			assertThat(context.getBeanNamesForType(RecordingReport.class)).isEmpty();
			HttpResponse<byte[]> response = WebApplications.get(context, "/actuator/flightrecording/report");
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(new String(response.body(), StandardCharsets.UTF_8))
				.contains("Reports need org.openjdk.jmc:flightrecorder.rules.jdk and tools.profiler:jfr-converter");
			assertThat(WebApplications.get(context, "/actuator/flightrecording").statusCode()).isEqualTo(200);
		}
	}

	private ConfigurableApplicationContext start(WebApplicationType type, String... properties) {
		return WebApplications.start(type, Stream.concat(Stream.of(EXPOSED, "spring.application.name=orders",
				"flight-recorder.repository=" + this.directory.resolve("repository"),
				"flight-recorder.dumps.directory=" + this.directory.resolve("dumps")), Stream.of(properties))
			.toArray(String[]::new));
	}

	/**
	 * Returns the snapshot files left in the repository (JFR's own chunks are in
	 * directories there).
	 */
	private Stream<Path> snapshotFiles() throws Exception {
		try (Stream<Path> files = Files.list(this.directory.resolve("repository"))) {
			return files.filter(Files::isRegularFile)
				.filter((file) -> file.getFileName().toString().matches("flight-recorder-.*\\.jfr"))
				.toList()
				.stream();
		}
	}

}

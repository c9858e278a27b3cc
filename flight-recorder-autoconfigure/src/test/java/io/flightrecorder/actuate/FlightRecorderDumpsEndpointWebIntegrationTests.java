package io.flightrecorder.actuate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import io.flightrecorder.MarkerEvent;
import io.flightrecorder.Mounts;
import io.flightrecorder.Recordings;
import io.flightrecorder.TracedObservationEvent;
import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.dump.SavedDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource.Mode;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code flightdumps} endpoint over a real port, on Spring MVC and on Spring WebFlux.
 */
class FlightRecorderDumpsEndpointWebIntegrationTests {

	private static final String PATH = "/actuator/flightdumps";

	private static final String UNRESTRICTED = "management.endpoint.flightdumps.access=unrestricted";

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void savedDumpsAreListedDownloadedAndDeleted(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = start(type, "management.endpoints.web.exposure.include=flightdumps",
				UNRESTRICTED)) {
			MarkerEvent.commit("in the dump");
			SavedDump dump = context.getBean(DumpTriggers.class).fire("manual", "checking \"quotes\" too").get();

			HttpResponse<byte[]> list = WebApplications.get(context, PATH);
			assertThat(list.statusCode()).isEqualTo(200);
			assertThat(new String(list.body(), StandardCharsets.UTF_8))
				.contains("\"directory\":\"" + this.directory.toAbsolutePath() + "\"")
				.contains("\"name\":\"" + dump.name() + "\"")
				.contains("\"trigger\":\"manual\"")
				.contains("\"reason\":\"checking \\\"quotes\\\" too\"")
				.contains("\"time\":\"" + dump.time() + "\"")
				.contains("\"size\":" + dump.size());

			HttpResponse<byte[]> download = WebApplications.get(context, PATH + "/" + dump.name());
			assertThat(download.statusCode()).isEqualTo(200);
			assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
			assertThat(download.headers().firstValue("Content-Length")).hasValue(String.valueOf(dump.size()));
			assertThat(download.headers().firstValue("Content-Disposition"))
				.hasValue("attachment; filename=\"" + dump.name() + "\"");
			assertThat(download.body()).isEqualTo(Files.readAllBytes(this.directory.resolve(dump.name())));
			assertThat(Recordings.markers(download.body())).contains("in the dump");

			assertThat(WebApplications.send(context, "DELETE", PATH + "/" + dump.name()).statusCode()).isEqualTo(204);
			assertThat(WebApplications.get(context, PATH + "/" + dump.name()).statusCode()).isEqualTo(404);
			assertThat(WebApplications.send(context, "DELETE", PATH + "/" + dump.name()).statusCode()).isEqualTo(404);
			try (var files = Files.list(this.directory)) {
				assertThat(files).isEmpty();
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void aDumpIsFoundByATraceIdAndItsReportOpensAtThatTrace(WebApplicationType type) throws Exception {
		String trace = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
		try (ConfigurableApplicationContext context = start(type, "management.endpoints.web.exposure.include=flightdumps")) {
			TracedObservationEvent.commit("/orders/{id}", trace, "00f067aa0ba902b7");
			SavedDump dump = context.getBean(DumpTriggers.class).fire("manual", "a traced request").get();

			HttpResponse<byte[]> found = WebApplications.get(context, PATH + "?traceId=" + trace.toUpperCase());
			assertThat(found.statusCode()).isEqualTo(200);
			assertThat(body(found)).contains("\"traceId\":\"" + trace + "\"")
				.contains("\"scope\":\"local\"")
				.contains("\"name\":\"" + dump.name() + "\"")
				.contains("\"application\":\"application\"")
				.contains("\"uri\":\"/orders/{id}\"")
				.contains("\"spanId\":\"00f067aa0ba902b7\"")
				.contains("\"report\":\"" + dump.name() + "/report?traceId=" + trace + "\"");
			assertThat(body(WebApplications.get(context, PATH + "?traceId=" + trace.substring(16))))
				.as("the lower 64 bits, as B3 gives them")
				.contains(dump.name());
			HttpResponse<byte[]> unknown = WebApplications.get(context,
					PATH + "?traceId=11111111111111111111111111111111");
			assertThat(unknown.statusCode()).isEqualTo(200);
			assertThat(body(unknown)).contains("\"dumps\":[]");

			Path index = this.directory.resolve(dump.name() + ".traces");
			for (byte[] corrupt : List.of("garbage".getBytes(StandardCharsets.UTF_8), new byte[0])) {
				Files.write(index, corrupt);
				assertThat(body(WebApplications.get(context, PATH + "?traceId=" + trace))).contains(dump.name());
			}
			Files.delete(index);
			assertThat(body(WebApplications.get(context, PATH + "?traceId=" + trace))).contains(dump.name());
			assertThat(index).isRegularFile();

			HttpResponse<byte[]> report = WebApplications.get(context,
					PATH + "/" + dump.name() + "/report?traceId=" + trace);
			assertThat(report.statusCode()).isEqualTo(200);
			assertThat(body(report)).contains("<section id='trace'><h2>Trace " + trace + "</h2>")
				.contains("id='trace-graph-0'")
				.contains("id='trace-cpu-graph-0'")
				.contains("<input id='search'");
			assertThat(body(WebApplications.get(context,
					PATH + "/" + dump.name() + "/report?traceId=11111111111111111111111111111111")))
				.contains("id='trace-missing'")
				.contains("holds no observation of trace 11111111111111111111111111111111");
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void malformedTraceIdsAre400SayingWhatIsAccepted(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = start(type, "management.endpoints.web.exposure.include=flightdumps")) {
			SavedDump dump = context.getBean(DumpTriggers.class).fire("manual", "bad input").get();
			for (String bad : List.of("4bf92f3577b34da6a3ce929d0e0e473", "4bf92f3577b34da6a3ce929d0e0e473z",
					"..%2F..%2Fetc%2Fpasswd", "4bf92f35%2F7b34da6", "a".repeat(2000), "%00",
					"00000000000000000000000000000000")) {
				for (String path : List.of(PATH + "?traceId=" + bad, PATH + "/" + dump.name() + "/report?traceId=" + bad)) {
					HttpResponse<byte[]> response = WebApplications.get(context, path);
					assertThat(response.statusCode()).as(path).isEqualTo(400);
					assertThat(body(response)).as(path)
						.contains("is not a trace ID: a trace ID is 32 hexadecimal digits")
						.hasSizeLessThan(400);
				}
			}
			HttpResponse<byte[]> huge = WebApplications.get(context, PATH + "?traceId=" + "a".repeat(10_000));
			assertThat(huge.statusCode()).as("refused by Tomcat (400) or Netty (414) before the endpoint").isIn(400, 414);
			HttpResponse<byte[]> applications = WebApplications.get(context,
					PATH + "?traceId=4bf92f3577b34da6a3ce929d0e0e4736&applications=all");
			assertThat(applications.statusCode()).isEqualTo(400);
			assertThat(body(applications)).contains("applications=all is the one value of applications, and goes "
					+ "with a trace lookup in the fleet");
			try (var files = Files.list(this.directory)) {
				assertThat(files.map((file) -> file.getFileName().toString()))
					.allMatch((name) -> name.startsWith(dump.name()));
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void namesThatAreNotSavedDumpsGet404AndNeverAFileOutsideTheDirectory(WebApplicationType type) throws Exception {
		Path dumps = Files.createDirectories(this.directory.resolve("dumps"));
		Path secret = Files.writeString(this.directory.resolve("application-20261128T120000000Z-secret.jfr"), "TOP-SECRET-CONTENT");
		Files.writeString(dumps.resolve("notes.txt"), "not a dump");
		try (ConfigurableApplicationContext context = WebApplications.start(type,
				"management.endpoints.web.exposure.include=flightdumps", "flight-recorder.dumps.directory=" + dumps,
				UNRESTRICTED)) {
			String name = context.getBean(DumpTriggers.class).fire("manual", "real").get().name();
			for (String unknown : List.of("nothing.jfr", "notes.txt", name + ".reason", "..", "...",
					"%2e%2e", "%2E%2E%2F" + secret.getFileName(), "..%2F" + secret.getFileName(),
					"..%5C" + secret.getFileName(), "%2Fetc%2Fpasswd", secret.toString().replace("/", "%2F"),
					"..;/" + secret.getFileName())) {
				HttpResponse<byte[]> download = WebApplications.get(context, PATH + "/" + unknown);
				assertThat(download.statusCode()).as(unknown).isIn(404, 400);
				assertThat(new String(download.body(), StandardCharsets.UTF_8)).as(unknown).doesNotContain("TOP-SECRET-CONTENT");
				// two segments address a dump's report page, which has no DELETE: 405
				assertThat(WebApplications.send(context, "DELETE", PATH + "/" + unknown).statusCode()).as(unknown)
					.isIn(404, 400, 405);
			}
			HttpResponse<byte[]> plain = WebApplications.get(context, PATH + "/nothing.jfr");
			assertThat(plain.statusCode()).isEqualTo(404);
			assertThat(new String(plain.body(), StandardCharsets.UTF_8))
				.isEqualTo("{\"status\":404,\"message\":\"No saved dump named 'nothing.jfr'\"}");
			assertThat(secret).hasContent("TOP-SECRET-CONTENT");
			assertThat(dumps.resolve("notes.txt")).exists();
			assertThat(WebApplications.get(context, PATH + "/" + name).statusCode()).isEqualTo(200);
		}
	}

	/**
	 * A saved dump that is there but cannot be opened (here a file not even root may read: a
	 * write-only kernel setting mounted over it; elsewhere permissions, or too many open
	 * files) is a 500 that says why, not a 404 that says there is no such dump.
	 */
	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void aSavedDumpThatCannotBeOpenedIs500SayingWhy(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = start(type, "management.endpoints.web.exposure.include=flightdumps")) {
			String name = context.getBean(DumpTriggers.class).fire("manual", "unreadable").get().name();
			Path dump = this.directory.resolve(name);
			Mounts.mount("a write-only file over a dump", "--bind", "/proc/sys/vm/drop_caches", dump.toString());
			try {
				HttpResponse<byte[]> download = WebApplications.get(context, PATH + "/" + name);
				assertThat(download.statusCode()).isEqualTo(500);
				assertThat(new String(download.body(), StandardCharsets.UTF_8))
					.contains("The saved dump '" + name + "' could not be opened")
					.contains("AccessDeniedException");
			}
			finally {
				Mounts.unmount(dump);
			}
			assertThat(WebApplications.get(context, PATH + "/" + name).statusCode()).isEqualTo(200);
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = "NONE", mode = Mode.EXCLUDE)
	void deleteIsRefusedByDefaultEvenWithEveryEndpointExposed(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = start(type, "management.endpoints.web.exposure.include=*")) {
			String name = context.getBean(DumpTriggers.class).fire("manual", "kept").get().name();
			assertThat(WebApplications.send(context, "DELETE", PATH + "/" + name).statusCode()).isEqualTo(405);
			assertThat(WebApplications.get(context, PATH + "/" + name).statusCode()).isEqualTo(200);
			assertThat(WebApplications.get(context, PATH).statusCode()).isEqualTo(200);
			assertThat(WebApplications.get(context, "/actuator/flightrecording").statusCode()).isEqualTo(200);
			assertThat(this.directory.resolve(name)).exists();
		}
	}

	@Test
	void notExposedByDefault() throws Exception {
		try (ConfigurableApplicationContext context = start(WebApplicationType.SERVLET)) {
			assertThat(WebApplications.get(context, PATH).statusCode()).isEqualTo(404);
		}
	}

	private ConfigurableApplicationContext start(WebApplicationType type, String... properties) {
		String[] all = new String[properties.length + 1];
		all[0] = "flight-recorder.dumps.directory=" + this.directory;
		System.arraycopy(properties, 0, all, 1, properties.length);
		return WebApplications.start(type, all);
	}

	private static String body(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}

}

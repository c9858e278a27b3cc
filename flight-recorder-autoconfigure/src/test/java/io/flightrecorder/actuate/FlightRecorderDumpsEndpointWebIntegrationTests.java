package io.flightrecorder.actuate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.flightrecorder.MarkerEvent;
import io.flightrecorder.Mounts;
import io.flightrecorder.Recordings;
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

}

package io.flightrecorder.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The packaged sample app as a container image built here, since no registry can be
 * reached: {@code FROM scratch} with a runtime jlinked from the JDK that runs the tests,
 * the system libraries it links, {@code /etc/passwd}, {@code /tmp} and the executable jar.
 * It has no shell and runs as an unprivileged user.
 */
final class SampleAppImage {

	static final String NAME = "flight-recorder-sample-it:latest";

	/**
	 * What a Spring Boot web app with security, Tomcat, JFR and the AWS SDK needs from the JDK:
	 * jdk.net for the SDK, which sets socket options through jdk.net.Sockets.
	 */
	private static final List<String> MODULES = List.of("java.base", "java.compiler", "java.desktop",
			"java.instrument", "java.logging", "java.management", "java.naming", "java.net.http", "java.prefs",
			"java.rmi", "java.scripting", "java.security.jgss", "java.sql", "java.xml", "jdk.crypto.ec", "jdk.jfr",
			"jdk.management", "jdk.management.jfr", "jdk.naming.dns", "jdk.net", "jdk.unsupported", "jdk.zipfs");

	/**
	 * AWT's native libraries, which Spring's use of {@code java.beans} never loads and which
	 * would bring the X libraries into the image.
	 */
	private static final String DESKTOP_NATIVE_LIBRARIES = "/java.desktop/**.so";

	private static final Pattern LIBRARY = Pattern.compile("(/\\S+) \\(0x");

	private static final Path JAR = Paths.get("target", "sample-app.jar");

	private static final Path ROOT = Paths.get("target", "container-image");

	private static ImageFromDockerfile image;

	private SampleAppImage() {
	}

	/**
	 * The image, built once per test JVM from {@code target/sample-app.jar}.
	 */
	static synchronized ImageFromDockerfile get() {
		if (image == null) {
			try {
				image = new ImageFromDockerfile(NAME, false).withFileFromPath(".", stage());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		return image;
	}

	private static Path stage() throws IOException, InterruptedException {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the container tests with "
					+ "'mvn verify', which packages the app first");
		}
		delete(ROOT);
		Path rootfs = Files.createDirectories(ROOT.resolve("rootfs"));
		Path runtime = rootfs.resolve("opt/java").toAbsolutePath();
		Path jdk = Paths.get(System.getProperty("java.home"));
		run(jdk.resolve("bin/jlink").toString(), "--add-modules", String.join(",", availableModules()),
				"--strip-debug", "--compress=" + ((Runtime.version().feature() >= 21) ? "zip-6" : "2"),
				"--no-header-files", "--no-man-pages", "--exclude-files=" + DESKTOP_NATIVE_LIBRARIES, "--output",
				runtime.toString());
		for (String library : linkedLibraries(runtime)) {
			Path target = rootfs.resolve(library.substring(1));
			Files.createDirectories(target.getParent());
			Files.copy(Paths.get(library), target, StandardCopyOption.REPLACE_EXISTING);
		}
		Files.createDirectories(rootfs.resolve("etc"));
		Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0::/:/sbin/nologin\napp:x:1000:1000::/tmp:/sbin/nologin\n");
		Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\napp:x:1000:\n");
		run("chmod", "1777", Files.createDirectories(rootfs.resolve("tmp")).toString());
		Files.createDirectories(rootfs.resolve("app"));
		Files.copy(JAR, rootfs.resolve("app/sample-app.jar"));
		Files.writeString(ROOT.resolve("Dockerfile"), String.join("\n", "FROM scratch", "COPY rootfs/ /",
				"USER 1000:1000", "WORKDIR /tmp", "EXPOSE 8080",
				"ENTRYPOINT [\"/opt/java/bin/java\", \"-jar\", \"/app/sample-app.jar\"]", ""));
		return ROOT;
	}

	/**
	 * One line for the test output: the image's size, once it is built.
	 */
	static String describe() {
		long bytes = DockerClientFactory.instance().client().inspectImageCmd(NAME).exec().getSize();
		return "Container image " + NAME + ": " + (bytes / 1_000_000) + " MB, runtime jlinked from Java "
				+ Runtime.version();
	}

	private static Set<String> availableModules() throws IOException, InterruptedException {
		Set<String> available = run(Paths.get(System.getProperty("java.home"), "bin/java").toString(),
				"--list-modules")
			.lines()
			.map((line) -> line.split("@")[0])
			.collect(Collectors.toSet());
		return MODULES.stream().filter(available::contains).collect(Collectors.toCollection(TreeSet::new));
	}

	private static Set<String> linkedLibraries(Path runtime) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("ldd"));
		try (Stream<Path> files = Files.walk(runtime)) {
			files.filter((file) -> file.toString().endsWith(".so") || file.endsWith("bin/java"))
				.forEach((file) -> command.add(file.toString()));
		}
		Set<String> libraries = new TreeSet<>();
		Matcher matcher = LIBRARY.matcher(run(command.toArray(String[]::new)));
		while (matcher.find()) {
			if (!matcher.group(1).startsWith(runtime.toString())) {
				libraries.add(matcher.group(1));
			}
		}
		return libraries;
	}

	private static String run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int exit = process.waitFor();
		if (exit != 0 && !command[0].equals("ldd")) {
			throw new IllegalStateException(String.join(" ", command) + " failed with " + exit + ":\n" + output);
		}
		return output;
	}

	private static void delete(Path directory) throws IOException {
		if (Files.exists(directory)) {
			try (Stream<Path> files = Files.walk(directory)) {
				files.sorted((a, b) -> b.compareTo(a)).forEach((file) -> file.toFile().delete());
			}
		}
	}

}

package io.flightrecorder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Mounts for tests that need a file system of their own, or a file that not even root can
 * read. Mounting needs root and mount(8), as CI has: in CI a failure to mount fails the
 * test; elsewhere the test is skipped with one line saying why.
 */
public final class Mounts {

	private Mounts() {
	}

	/**
	 * Runs {@code mount} with the given arguments.
	 * @param what what is mounted, for the message when it cannot be
	 * @param arguments the arguments of mount(8)
	 */
	public static void mount(String what, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("mount"));
		command.addAll(List.of(arguments));
		if (run(command.toArray(String[]::new)) != 0) {
			String reason = "Mounting " + what + " needs root and mount(8)";
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException(reason + ", which CI must have");
			}
			Assumptions.abort(reason + ": skipped outside CI");
		}
	}

	/**
	 * Unmounts what is mounted on the given path, lazily.
	 * @param path the mount point
	 */
	public static void unmount(Path path) throws IOException, InterruptedException {
		run("umount", "-l", path.toString());
	}

	private static int run(String... command) throws IOException, InterruptedException {
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			return -1;
		}
		process.getInputStream().transferTo(OutputStream.nullOutputStream());
		return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
	}

}

package io.flightrecorder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import javax.management.ObjectName;

import org.junit.jupiter.api.Assumptions;

/**
 * A small disk of its own for a test: a tmpfs of a given size, mounted on a fresh directory,
 * where nothing else writes, so that its free space is known to the megabyte. Mounting needs
 * root, as CI has: in CI a failure to mount fails the test; elsewhere the test is skipped with
 * one line saying why.
 */
public final class SmallDisk implements AutoCloseable {

	private final Path directory;

	private SmallDisk(Path directory) {
		this.directory = directory;
	}

	public static SmallDisk mount(int megabytes) throws IOException, InterruptedException {
		Path directory = Files.createTempDirectory("flight-recorder-small-disk-");
		int exit = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", directory.toString());
		if (exit != 0) {
			Files.delete(directory);
			String reason = "Mounting a " + megabytes + " MiB tmpfs needs root and mount(8)";
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException(reason + ", which CI must have");
			}
			Assumptions.abort(reason + ": skipped outside CI");
		}
		return new SmallDisk(directory);
	}

	public Path directory() {
		return this.directory;
	}

	/**
	 * Moves the JVM's JFR repository back to {@code java.io.tmpdir}, then unmounts and
	 * deletes the disk.
	 */
	@Override
	public void close() throws Exception {
		restoreRepository();
		run("umount", "-l", this.directory.toString());
		Files.deleteIfExists(this.directory);
	}

	/**
	 * Moves the JVM's JFR repository back to {@code java.io.tmpdir}, where later tests
	 * expect it.
	 */
	public static void restoreRepository() throws Exception {
		ManagementFactory.getPlatformMBeanServer()
			.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "jfrConfigure",
					new Object[] { new String[] { "repositorypath=" + Paths.get(System.getProperty("java.io.tmpdir")) } },
					new String[] { String[].class.getName() });
	}

	private static int run(String... command) throws IOException, InterruptedException {
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			return -1;
		}
		process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
		return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
	}

}

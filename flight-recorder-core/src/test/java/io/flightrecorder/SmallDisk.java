package io.flightrecorder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import javax.management.ObjectName;

/**
 * A small disk of its own for a test: a tmpfs of a given size, mounted on a fresh directory,
 * where nothing else writes, so that its free space is known to the megabyte. Mounting needs
 * root: see {@link Mounts}.
 */
public final class SmallDisk implements AutoCloseable {

	private final Path directory;

	private SmallDisk(Path directory) {
		this.directory = directory;
	}

	public static SmallDisk mount(int megabytes) throws IOException, InterruptedException {
		Path directory = Files.createTempDirectory("flight-recorder-small-disk-");
		try {
			Mounts.mount("a " + megabytes + " MiB tmpfs", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs",
					directory.toString());
		}
		catch (RuntimeException | Error ex) {
			Files.delete(directory);
			throw ex;
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
		Mounts.unmount(this.directory);
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

}

package io.flightrecorder.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Function;

import javax.management.JMException;
import javax.management.ObjectName;

import org.jspecify.annotations.Nullable;

/**
 * Where a recorder writes, and the free space it keeps there: the JFR repository (the JVM's,
 * or one the user chose) and the directory of snapshot files (the chosen repository, else
 * {@code java.io.tmpdir}).
 */
public final class DiskSpace {

	private final @Nullable Path repository;

	private final long minFreeSpace;

	private final Function<String, ? extends RuntimeException> refusal;

	/**
	 * Keeps {@code minFreeSpace} free under the repository (null for the JVM's) and in the
	 * directories files are created in; what does not fit is refused with the exception
	 * {@code refusal} makes of a message that says why.
	 */
	public DiskSpace(@Nullable Path repository, long minFreeSpace, Function<String, ? extends RuntimeException> refusal) {
		this.repository = repository;
		this.minFreeSpace = minFreeSpace;
		this.refusal = refusal;
	}

	/**
	 * Moves the JVM's JFR repository to the chosen directory, if one was chosen. JFR has one
	 * repository per JVM: other recordings' new chunks go there too.
	 */
	public void moveRepository() {
		if (this.repository == null) {
			return;
		}
		try {
			Files.createDirectories(this.repository);
			Object result = ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "jfrConfigure",
						new Object[] { new String[] { "repositorypath=" + this.repository.toAbsolutePath() } },
						new String[] { String[].class.getName() });
			if (String.valueOf(result).contains("Could not")) {
				throw new IllegalStateException("JFR refused the repository " + this.repository + ": " + result);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the JFR repository " + this.repository, ex);
		}
		catch (JMException ex) {
			throw new IllegalStateException("Cannot move the JFR repository to " + this.repository, ex);
		}
	}

	/**
	 * Returns the directory of the JFR repository: the chosen one, else the JVM's once JFR
	 * has started, else the one JFR will create its repository in.
	 */
	public Path repository() {
		if (this.repository != null) {
			return this.repository;
		}
		String jvmRepository = System.getProperty("jdk.jfr.repository");
		return Paths.get((jvmRepository != null) ? jvmRepository : System.getProperty("java.io.tmpdir"));
	}

	/**
	 * Returns the bytes usable under the repository, or -1 if that cannot be read.
	 */
	public long freeSpace() {
		try {
			return usableSpace(repository());
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/**
	 * Returns the usable space of the file system of the given path, or of its nearest
	 * existing parent: JFR creates its repository only when it writes the first chunk.
	 */
	private static long usableSpace(Path path) throws IOException {
		Path existing = path.toAbsolutePath();
		while (!Files.exists(existing) && existing.getParent() != null) {
			existing = existing.getParent();
		}
		return Files.getFileStore(existing).getUsableSpace();
	}

	/**
	 * Returns why recording must stop for lack of space, or null while there is enough.
	 */
	public @Nullable String lowSpace() {
		long free = freeSpace();
		return (free >= 0 && free < this.minFreeSpace) ? describe(repository(), free, 0, "recording") : null;
	}

	/**
	 * Fails unless the given bytes fit under the repository with the minimum to spare.
	 */
	public void require(long bytes, String what) {
		long free = freeSpace();
		if (free >= 0) {
			require(repository(), free, bytes, what);
		}
	}

	/**
	 * Creates an owner-only file for a snapshot of the given size, if it fits.
	 */
	public Path newSnapshotFile(long bytes) throws IOException {
		return newFile(snapshotDirectory(), bytes, "a snapshot", "flight-recorder-", ".jfr");
	}

	/**
	 * Returns the directory of snapshot files, and of the JVMs' JFR repositories when one was
	 * chosen: the chosen repository, else {@code java.io.tmpdir}.
	 */
	public Path snapshotDirectory() {
		return (this.repository != null) ? this.repository : Paths.get(System.getProperty("java.io.tmpdir"));
	}

	/**
	 * Creates an owner-only file of the given size in a directory, if it fits there with the
	 * minimum to spare, named with this JVM's {@link ProcessToken} so that a later JVM can
	 * delete it if this one is killed while writing it.
	 */
	public Path newFile(Path directory, long bytes, String what, String prefix, String suffix) throws IOException {
		require(directory, usableSpace(directory), bytes, what);
		return Files.createTempFile(directory, prefix + ProcessToken.CURRENT + "-", suffix);
	}

	private void require(Path directory, long free, long bytes, String what) {
		if (free - bytes < this.minFreeSpace) {
			throw this.refusal.apply(describe(directory, free, bytes, what));
		}
	}

	private String describe(Path directory, long free, long bytes, String what) {
		return "Not enough free space for " + what + " under " + directory + ": " + free + " bytes free, "
				+ ((bytes > 0) ? bytes + " bytes needed " : "") + "and " + this.minFreeSpace
				+ " bytes to keep free (flight-recorder.min-free-space)";
	}

}

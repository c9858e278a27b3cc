package io.flightrecorder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.flightrecorder.internal.DiskSpace;
import jdk.jfr.Recording;

/**
 * Dumps a stopped copy of the ring to a temporary file, closes the copy at once so that no
 * chunk stays pinned while a slow client reads, and serves the file. The file is readable
 * by its owner only, written only if it fits with the minimum free space to spare, and
 * deleted on close.
 */
final class DumpedSnapshotContent implements SnapshotContent {

	private final Path file;

	private final long size;

	/**
	 * Serves the given file, which it then owns and deletes on close.
	 */
	DumpedSnapshotContent(Path file) throws IOException {
		this.file = file;
		this.size = Files.size(file);
	}

	static DumpedSnapshotContent dump(Recording copy, DiskSpace storage) throws IOException {
		try (copy) {
			Path file = storage.newSnapshotFile(copy.getSize());
			try {
				copy.dump(file);
				return new DumpedSnapshotContent(file);
			}
			catch (IOException | RuntimeException ex) {
				Files.deleteIfExists(file);
				throw ex;
			}
		}
	}

	Path file() {
		return this.file;
	}

	@Override
	public long size() {
		return this.size;
	}

	@Override
	public InputStream openStream() throws IOException {
		return Files.newInputStream(this.file);
	}

	@Override
	public void close() throws IOException {
		Files.deleteIfExists(this.file);
	}

}

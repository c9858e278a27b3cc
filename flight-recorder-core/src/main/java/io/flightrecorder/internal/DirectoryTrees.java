package io.flightrecorder.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Deletes a directory with everything in it: a dead JVM's JFR repository, a report's own
 * directory.
 */
public final class DirectoryTrees {

	private DirectoryTrees() {
	}

	/**
	 * Deletes a directory and what it holds, deepest first; nothing if it does not exist.
	 * @param directory the directory
	 * @throws IOException if a file or directory cannot be deleted; what was deleted before
	 * stays deleted
	 */
	public static void delete(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

}

package io.flightrecorder.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deletes the files that JVMs killed while writing them left behind: snapshot files and
 * dumps being written, which {@link DiskSpace#newFile} names with the writer's
 * {@link ProcessToken} before a random number. Only files of provably dead writers are
 * deleted.
 */
public final class DeadWriters {

	private static final System.Logger logger = System.getLogger(DeadWriters.class.getName());

	private static final Pattern TOKEN_IN_NAME = Pattern
		.compile("(?:flight-recorder|\\..+\\.jfr)-(" + ProcessToken.pattern() + ")-\\d+\\.(?:jfr|part)");

	private DeadWriters() {
	}

	/**
	 * Deletes the files of dead writers in the directory.
	 */
	public static void deleteFiles(Path directory) {
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			for (Path entry : entries) {
				deleteIfOfDeadWriter(entry);
			}
		}
		catch (IOException ex) {
			logger.log(System.Logger.Level.WARNING, "Cannot delete what killed JVMs left in " + directory, ex);
		}
	}

	/**
	 * Deletes the entry if it is a regular file of a dead writer.
	 */
	public static void deleteIfOfDeadWriter(Path entry) {
		Matcher matcher = TOKEN_IN_NAME.matcher(entry.getFileName().toString());
		if (matcher.matches() && ProcessToken.isDead(matcher.group(1))
				&& Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
			try {
				Files.deleteIfExists(entry);
				logger.log(System.Logger.Level.INFO, "Deleted " + entry + ", left by a JVM that was killed");
			}
			catch (IOException ex) {
				logger.log(System.Logger.Level.WARNING, "Cannot delete " + entry + ", left by a JVM that was killed",
						ex);
			}
		}
	}

}

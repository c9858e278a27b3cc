package io.flightrecorder;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.flightrecorder.internal.DeadWriters;
import io.flightrecorder.internal.DirectoryTrees;
import io.flightrecorder.internal.ProcessToken;
import io.flightrecorder.internal.FileNames;
import org.jspecify.annotations.Nullable;

/**
 * Finds and deletes what JVMs that are provably dead ({@link ProcessToken#isDead}) left in a
 * directory: JFR repositories marked as a recorder's, and files a recorder was writing.
 * JFR deletes its repository when a JVM exits, but not when it is killed; left alone, every
 * {@code kill -9} or out-of-memory kill leaves its chunks behind until the disk fills.
 */
final class Leftovers {

	/**
	 * The file, in a JVM's JFR repository, that names the JVM recording there.
	 */
	static final String OWNER_FILE = "flight-recorder.owner";

	private static final int CHUNK_MAGIC = 0x464c5200;

	private static final int FILE_STATE_POSITION = 64;

	private static final System.Logger logger = System.getLogger(Leftovers.class.getName());

	private Leftovers() {
	}

	/**
	 * Marks the JVM's current JFR repository as this JVM's, once JFR has created it.
	 */
	static void markRepository() {
		String repository = System.getProperty("jdk.jfr.repository");
		if (repository == null) {
			return;
		}
		Path owner = Path.of(repository, OWNER_FILE);
		try {
			if (!Files.exists(owner)) {
				Files.writeString(Files.createFile(owner, FileNames.ownerOnly(owner)), ProcessToken.CURRENT);
			}
		}
		catch (IOException ex) {
			logger.log(System.Logger.Level.DEBUG, "Cannot mark the JFR repository " + repository, ex);
		}
	}

	/**
	 * Hands the recording of each dead JVM's repository in the directory to the handler,
	 * then deletes the repository; and deletes the files dead JVMs were writing there.
	 */
	static void recover(Path directory, CrashedRecording.Handler handler) {
		if (!Files.isDirectory(directory)) {
			return;
		}
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			for (Path entry : entries) {
				String owner = owner(entry);
				if (owner == null) {
					DeadWriters.deleteIfOfDeadWriter(entry);
				}
				else if (ProcessToken.isDead(owner)) {
					recover(entry, owner, handler);
				}
			}
		}
		catch (IOException ex) {
			logger.log(System.Logger.Level.WARNING, "Cannot look for what killed JVMs left in " + directory, ex);
		}
	}

	private static @Nullable String owner(Path entry) {
		Path owner = entry.resolve(OWNER_FILE);
		try {
			return Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(owner)
					? Files.readString(owner).trim() : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static void recover(Path repository, String owner, CrashedRecording.Handler handler) {
		try {
			List<Path> chunks = new ArrayList<>();
			FileTime lastWritten = FileTime.fromMillis(0);
			try (Stream<Path> files = Files.list(repository)) {
				for (Path file : files.sorted(Comparator.comparing((chunk) -> chunk.getFileName().toString())).toList()) {
					FileTime modified = Files.getLastModifiedTime(file);
					lastWritten = (modified.compareTo(lastWritten) > 0) ? modified : lastWritten;
					if (file.getFileName().toString().endsWith(".jfr") && isComplete(file)) {
						chunks.add(file);
					}
				}
			}
			if (!chunks.isEmpty()) {
				handler.handle(new CrashedRecording(ProcessToken.pid(owner), chunks, lastWritten.toInstant()));
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "Cannot keep the recording of a killed JVM in " + repository, ex);
		}
		finally {
			delete(repository);
		}
	}

	/**
	 * Returns whether a chunk file is a whole recording, from its header: JFR's magic, the
	 * state JFR sets when it finishes a chunk (0; a chunk being written says otherwise), and
	 * the chunk's size, which is the file's. The chunk a JVM was writing when it was killed
	 * fails this, and a streaming parser would wait for it forever.
	 */
	private static boolean isComplete(Path chunk) {
		try (DataInputStream header = new DataInputStream(Files.newInputStream(chunk))) {
			int magic = header.readInt();
			header.readInt();
			long size = header.readLong();
			header.skipNBytes(FILE_STATE_POSITION - 16);
			return magic == CHUNK_MAGIC && header.readByte() == 0 && size == Files.size(chunk);
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void delete(Path repository) {
		try {
			DirectoryTrees.delete(repository);
			logger.log(System.Logger.Level.INFO, "Deleted the JFR repository " + repository + " of a JVM that was killed");
		}
		catch (IOException ex) {
			logger.log(System.Logger.Level.WARNING, "Cannot delete the JFR repository " + repository
					+ " of a JVM that was killed", ex);
		}
	}

}

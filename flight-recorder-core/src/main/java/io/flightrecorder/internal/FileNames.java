package io.flightrecorder.internal;

import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/**
 * What the recorder's files are named and who may read them.
 */
public final class FileNames {

	private FileNames() {
	}

	/**
	 * Returns the given text with every character that is unsafe in a file name replaced by
	 * {@code _}.
	 */
	public static String safeName(String text) {
		return text.replaceAll("[^A-Za-z0-9._-]", "_");
	}

	/**
	 * Returns the attributes of a file readable and writable by its owner only, where the
	 * file system of the given file has POSIX permissions; none elsewhere.
	 */
	public static FileAttribute<?>[] ownerOnly(Path file) {
		return file.getFileSystem().supportedFileAttributeViews().contains("posix") ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(EnumSet.of(
				PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)) } : new FileAttribute<?>[0];
	}

}

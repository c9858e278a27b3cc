package io.flightrecorder.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The name of this host as its users know it: in Kubernetes, the pod's name. It is read
 * without asking a name service, which can hang in a container.
 */
public final class HostName {

	private static final String CURRENT = read();

	private HostName() {
	}

	/**
	 * Returns this host's name: the kernel's, else {@code HOSTNAME}, else {@code localhost}.
	 * @return the name, read once
	 */
	public static String current() {
		return CURRENT;
	}

	private static String read() {
		String name;
		try {
			name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
		}
		catch (IOException | RuntimeException ex) {
			name = System.getenv("HOSTNAME");
		}
		return (name == null || name.isBlank()) ? "localhost" : name;
	}

}

package io.flightrecorder.internal;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names what a recorder leaves on disk (its JFR repository, snapshot and dump files being
 * written) by the JVM that wrote it: host, process id and start time. A later JVM deletes
 * such leftovers only when they are provably of a dead JVM: one of the same host (a shared
 * volume may hold those of live JVMs of other hosts, whose process ids mean nothing here)
 * whose process is gone, or is another process that reuses its id (a restarted container
 * often gets the same one).
 */
public final class ProcessToken {

	private static final Pattern TOKEN = Pattern.compile("([A-Za-z0-9.-]+)_(\\d+)_(\\d+)");

	private static final String HOST = host();

	/**
	 * The token of this JVM.
	 */
	public static final String CURRENT = HOST + "_" + ProcessHandle.current().pid() + "_"
			+ ManagementFactory.getRuntimeMXBean().getStartTime();

	/**
	 * How far the start time of a process may differ from the one in a token and still be
	 * the same process: they are read in different ways.
	 */
	private static final long SAME_START_MILLIS = Duration.ofSeconds(2).toMillis();

	private ProcessToken() {
	}

	/**
	 * Returns the pattern of a token, for the names that hold one.
	 */
	public static String pattern() {
		return TOKEN.pattern();
	}

	/**
	 * Returns whether a token is that of a JVM of this host that is no longer running.
	 * @param token a token, as {@link #CURRENT} is made
	 * @return true only if it is provably dead: false for this JVM, another host, a live
	 * process, or anything that is not a token
	 */
	public static boolean isDead(String token) {
		Matcher matcher = TOKEN.matcher(token);
		if (!matcher.matches() || token.equals(CURRENT) || !matcher.group(1).equals(HOST)) {
			return false;
		}
		long started = Long.parseLong(matcher.group(3));
		Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(matcher.group(2)));
		if (process.isEmpty() || !process.get().isAlive()) {
			return true;
		}
		Optional<Instant> start = process.get().info().startInstant();
		return start.isPresent() && Math.abs(start.get().toEpochMilli() - started) > SAME_START_MILLIS;
	}

	/**
	 * Returns the pid of a token.
	 */
	public static String pid(String token) {
		Matcher matcher = TOKEN.matcher(token);
		return matcher.matches() ? matcher.group(2) : "?";
	}

	/**
	 * Returns the host's name with the characters a token cannot hold replaced.
	 */
	private static String host() {
		return HostName.current().replaceAll("[^A-Za-z0-9.-]", "-");
	}

}

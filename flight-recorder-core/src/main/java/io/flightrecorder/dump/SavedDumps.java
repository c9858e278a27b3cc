package io.flightrecorder.dump;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.flightrecorder.CrashedRecording;
import io.flightrecorder.FlightRecorder;
import io.flightrecorder.InsufficientSpaceException;
import io.flightrecorder.Snapshot;
import io.flightrecorder.SnapshotActiveException;
import io.flightrecorder.internal.DeadWriters;
import io.flightrecorder.internal.EventScan;
import io.flightrecorder.internal.Listeners;
import io.flightrecorder.internal.ProcessToken;
import io.flightrecorder.internal.DiskSpace;
import io.flightrecorder.internal.FileNames;
import jdk.jfr.consumer.RecordingFile;
import org.jspecify.annotations.Nullable;

/**
 * A directory of snapshots saved to disk, with retention by count and by total size.
 * <p>
 * A dump is written under a temporary name ({@code .jfr.part}) and renamed when complete, so
 * a half-written dump is never listed, downloaded or counted. Its name is
 * {@code <application>-<UTC time>-<trigger>.jfr}; the reason it was written is kept beside
 * it in a {@code .reason} file. Only names of that form directly in the directory are ever
 * listed, opened or deleted: any other name, including paths, is unknown.
 * <p>
 * Each write first checks that the snapshot fits with the minimum free space to spare. After
 * each write the oldest dumps are deleted until at most the maximum count remain and their
 * total size is at most the maximum; the newest dump is always kept, even when it alone is
 * larger than the maximum total.
 * <p>
 * A dump copied elsewhere (uploaded to object storage) can be marked so with
 * {@link #markUploaded}; the mark is kept in an {@code .uploaded} file beside it and listed
 * with it. The retention limits apply to every dump alike, uploaded or not.
 */
public final class SavedDumps {

	private static final Duration SNAPSHOT_WAIT = Duration.ofSeconds(5);

	/**
	 * The number of dumps kept by default.
	 */
	public static final int DEFAULT_MAX_COUNT = 10;

	/**
	 * The total size of the dumps kept by default: 100 MiB.
	 */
	public static final long DEFAULT_MAX_TOTAL_SIZE = 100L * 1024 * 1024;

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final Pattern NAME = Pattern.compile("([A-Za-z0-9._-]+)-(\\d{8}T\\d{9}Z)-([A-Za-z0-9._-]+)\\.jfr");

	private static final String REASON_SUFFIX = ".reason";

	private static final String UPLOADED_SUFFIX = ".uploaded";

	private static final String TRACES_SUFFIX = ".traces";

	/**
	 * How the first line of a reason file begins when it holds the settings the dump was
	 * recorded with; the reason follows on the next line.
	 */
	private static final String SETTINGS_LINE = "settings: ";

	private static final String EXIT_TRIGGER = "exit";

	private static final String CRASH_TRIGGER = "crash";

	private static final System.Logger logger = System.getLogger(SavedDumps.class.getName());

	private final Path directory;

	private final String application;

	private final int maxCount;

	private final long maxTotalSize;

	private final DiskSpace diskSpace;

	private final Clock clock;

	private final List<Consumer<SavedDump>> listeners = new CopyOnWriteArrayList<>();

	private final Object indexing = new Object();

	/**
	 * Creates the dumps of an application in a directory, which is created when the first
	 * dump is written.
	 * @param directory where dumps are written
	 * @param application the application's name, the first part of dump names
	 * @param maxCount the most dumps kept, at least 1
	 * @param maxTotalSize the most bytes the dumps together keep, at least 1
	 * @param minFreeSpace the bytes a write must leave free on the directory's disk
	 */
	public SavedDumps(Path directory, String application, int maxCount, long maxTotalSize, long minFreeSpace) {
		this(directory, application, maxCount, maxTotalSize, minFreeSpace, Clock.systemUTC());
	}

	SavedDumps(Path directory, String application, int maxCount, long maxTotalSize, long minFreeSpace, Clock clock) {
		if (maxCount < 1 || maxTotalSize < 1 || minFreeSpace < 0) {
			throw new IllegalArgumentException("The most dumps kept (" + maxCount + ") and their total size ("
					+ maxTotalSize + ") must be positive, the free space to keep (" + minFreeSpace
					+ ") not negative");
		}
		this.directory = directory.toAbsolutePath().normalize();
		this.application = FileNames.safeName(application);
		this.maxCount = maxCount;
		this.maxTotalSize = maxTotalSize;
		this.diskSpace = new DiskSpace(this.directory, minFreeSpace, InsufficientSpaceException::new);
		this.clock = clock;
	}

	/**
	 * Returns the directory the dumps are written to.
	 * @return the absolute directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Adds a listener told of every dump saved from now on, whatever saved it (a trigger,
	 * code, the exit or the crash dump), once it is complete and listed. It is called on the
	 * saving thread and must be quick.
	 * @param listener the listener
	 */
	public void addListener(Consumer<SavedDump> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Saves a snapshot of the recorder, then applies the retention limits. A snapshot being
	 * written (a download, another dump) is waited for, up to 5 seconds.
	 * @param recorder the recorder to snapshot
	 * @param trigger the name of what asked for it
	 * @param reason why, in a few words
	 * @return the saved dump
	 * @throws SnapshotActiveException if another snapshot was still being written after 5
	 * seconds
	 * @throws InsufficientSpaceException if the snapshot would leave less than the minimum
	 * free space; nothing is written
	 * @throws IllegalStateException if the recorder is not running
	 * @throws IOException if the snapshot cannot be taken or written; nothing is left behind
	 */
	public SavedDump save(FlightRecorder recorder, String trigger, String reason) throws IOException {
		Instant time = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		String name = name(time, trigger);
		Files.createDirectories(this.directory);
		long size;
		String settings = recorder.status().settings();
		try (Snapshot snapshot = recorder.snapshot(SNAPSHOT_WAIT)) {
			Path part = snapshot.writeToNewFile(
					(bytes) -> this.diskSpace.newFile(this.directory, bytes, "a dump", "." + name + "-", ".part"));
			try {
				publish(part, name, reason, settings);
			}
			finally {
				Files.deleteIfExists(part);
			}
			size = snapshot.size();
		}
		SavedDump dump = new SavedDump(name, trigger, reason, time, size, settings, null);
		Listeners.tellEach(this.listeners, (listener) -> listener.accept(dump));
		return dump;
	}

	/**
	 * Makes a complete file a saved dump of the given name with its reason and the settings
	 * it was recorded with, if known, then applies the retention limits. The dump is moved
	 * into place first, so that a crash never leaves a reason without its dump; once it is
	 * there, it is saved: a reason that cannot be written, or a retention that fails, is
	 * logged, and the dump kept and reported.
	 */
	private void publish(Path complete, String name, String reason, @Nullable String settings) throws IOException {
		Path target = this.directory.resolve(name);
		Files.move(complete, target, StandardCopyOption.ATOMIC_MOVE);
		try {
			Files.writeString(reasonFile(target), ((settings != null) ? SETTINGS_LINE + settings + "\n" : "") + reason,
					StandardCharsets.UTF_8);
			applyRetention(name);
		}
		catch (IOException ex) {
			logger.log(System.Logger.Level.WARNING, "Saved the dump " + target + ", but could not write its reason or "
					+ "apply the retention limits (flight-recorder.dumps.max-count, max-total-size): " + ex);
		}
	}

	/**
	 * Returns the index of the trace IDs in a saved dump, for {@link TraceIndex#find} and
	 * {@link TraceIndex#merger}, kept beside it and deleted with it. A dump is indexed the first
	 * time its index is asked for ({@link DumpTriggers} asks right after each dump it saves),
	 * so the save itself does not wait for the index, and again only if its index cannot be
	 * read (corrupt, or written by another version). Indexes are built one at a time.
	 * @param name the dump's name, as listed
	 * @return the index's file, or empty if no saved dump has that name (deleted meanwhile
	 * included)
	 * @throws IOException if the dump cannot be indexed
	 */
	public Optional<Path> traceIndex(String name) throws IOException {
		Optional<Path> file = file(name);
		if (file.isEmpty()) {
			return Optional.empty();
		}
		Path index = tracesFile(file.get());
		synchronized (this.indexing) {
			if (!isReadableIndex(index)) {
				if (Files.exists(index)) {
					logger.log(System.Logger.Level.WARNING, "The trace index of the dump " + name
							+ " cannot be read; indexing the dump again");
				}
				try {
					writeWhole(name, index, (out) -> TraceIndex.write(file.get(), name, out));
				}
				catch (NoSuchFileException ex) {
					return Optional.empty();
				}
			}
		}
		if (file(name).isEmpty()) {
			Files.deleteIfExists(index);
			return Optional.empty();
		}
		return Optional.of(index);
	}

	/**
	 * Indexes the trace IDs of a dump that is not saved here (one in object storage), from a
	 * temporary copy in the directory, deleted once indexed.
	 * @param name the dump's name
	 * @param dump its bytes, read to the end
	 * @param size how many there are, checked against the free space first
	 * @return a temporary file in the directory that holds its {@link TraceIndex}, for the
	 * caller to delete; if the JVM is killed meanwhile, a later start deletes it
	 * @throws InsufficientSpaceException if the copy would leave less than the minimum free
	 * space
	 * @throws IOException if the copy cannot be written or indexed; nothing is left behind
	 */
	public Path indexCopy(String name, InputStream dump, long size) throws IOException {
		Path copy = temporaryCopy(name, dump, size);
		try {
			Path index = partFile(name);
			try (OutputStream out = Files.newOutputStream(index)) {
				TraceIndex.write(copy, name, out);
				return index;
			}
			catch (IOException | RuntimeException ex) {
				Files.deleteIfExists(index);
				throw ex;
			}
		}
		finally {
			Files.deleteIfExists(copy);
		}
	}

	private static boolean isReadableIndex(Path index) {
		try (InputStream in = Files.newInputStream(index);
				TraceIndex.Merger none = TraceIndex.merger(OutputStream.nullOutputStream())) {
			none.add(in, (dump) -> false);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Finds the saved dumps that hold observations of a trace, from their indexes of trace
	 * IDs, each read once: no dump is read, but one without an index that can be read, which
	 * is indexed first (see {@link #traceIndex}). A dump that cannot be indexed is left out,
	 * and that is logged.
	 * @param id the trace
	 * @return the dumps that hold it, newest first, each with the trace's observations
	 * @throws IOException if the directory cannot be read
	 */
	public List<TraceMatch> findTrace(TraceId id) throws IOException {
		List<TraceMatch> matches = new ArrayList<>();
		for (SavedDump dump : list()) {
			try {
				List<TracedObservation> observations = findInIndex(dump.name(), id);
				if (!observations.isEmpty()) {
					matches.add(new TraceMatch(dump, observations));
				}
			}
			catch (IOException ex) {
				logger.log(System.Logger.Level.WARNING, "Left the dump " + dump.name() + " out of the lookup of trace "
						+ id + ": it could not be indexed (" + ex + ")");
			}
		}
		return matches;
	}

	/**
	 * Returns the observations of a trace in a dump's index, reading the index once; one that
	 * is missing or cannot be read is built first, as {@link #traceIndex} builds it.
	 */
	private List<TracedObservation> findInIndex(String name, TraceId id) throws IOException {
		Optional<Path> file = file(name);
		if (file.isEmpty()) {
			return List.of();
		}
		try {
			return observations(tracesFile(file.get()), name, id);
		}
		catch (IOException ex) {
			Optional<Path> index = traceIndex(name);
			return index.isPresent() ? observations(index.get(), name, id) : List.of();
		}
	}

	private static List<TracedObservation> observations(Path index, String name, TraceId id) throws IOException {
		try (InputStream in = Files.newInputStream(index)) {
			return TraceIndex.find(in, id).getOrDefault(name, List.of());
		}
	}

	/**
	 * Copies a dump from elsewhere (object storage) to a temporary file in the directory, to
	 * be read and then deleted by the caller. It is never listed; if the JVM is killed
	 * meanwhile, a later start deletes it.
	 * @param name the dump's name, for the file's name
	 * @param in its bytes, read to the end
	 * @param size how many there are, checked against the free space first
	 * @return the file
	 * @throws InsufficientSpaceException if it would leave less than the minimum free space;
	 * nothing is written
	 * @throws IOException if it cannot be written; nothing is left behind
	 */
	public Path temporaryCopy(String name, InputStream in, long size) throws IOException {
		Files.createDirectories(this.directory);
		Path file = this.diskSpace.newFile(this.directory, size, "a copy of a dump",
				"." + FileNames.safeName(name) + "-", ".part");
		try {
			Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
			return file;
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
	}

	/**
	 * Returns the file for JFR to write the ring to if the JVM exits while recording, see
	 * {@link io.flightrecorder.FlightRecorderConfig.Builder#exitDump}: a temporary name in the directory, which is
	 * created. {@link #adoptExitDump} makes it a saved dump.
	 * @return the file
	 * @throws IOException if the directory cannot be created
	 */
	public Path exitDumpFile() throws IOException {
		Files.createDirectories(this.directory);
		return this.directory.resolve("." + this.application + "-" + EXIT_TRIGGER + ".jfr.part");
	}

	/**
	 * Makes the file that JFR wrote when the JVM last exited a saved dump named after the
	 * time it was written, with the trigger {@code exit}, then applies the retention limits.
	 * Call it before the recorder starts with the same {@link #exitDumpFile()}, which JFR
	 * empties when it is given. A file that is not a whole recording (the JVM was killed)
	 * is deleted, as is one that holds any of the given redacted events (another recording
	 * enabled them), which must not be served; each deletion is logged.
	 * @param redactedEvents the event types a dump must not hold
	 * @return the adopted dump; empty if there was none, or it was deleted
	 * @throws IOException if the file cannot be renamed or deleted
	 */
	public Optional<SavedDump> adoptExitDump(Set<String> redactedEvents) throws IOException {
		Path written = exitDumpFile();
		if (!Files.isRegularFile(written, LinkOption.NOFOLLOW_LINKS)) {
			return Optional.empty();
		}
		return adopt(written, Files.getLastModifiedTime(written).toInstant(), EXIT_TRIGGER,
				"written by JFR as the JVM exited", redactedEvents);
	}

	/**
	 * Saves the recording of a JVM that was killed while it recorded as a dump named after
	 * the time it was last written, with the trigger {@code crash}, then applies the
	 * retention limits: its complete chunks, which hold the seconds up to the last chunk end
	 * before it died. It is not saved if it holds any of the given redacted events (another
	 * recording in that JVM enabled them); that is logged. See
	 * {@link io.flightrecorder.FlightRecorderConfig.Builder#crashHandler}.
	 * @param recording what the dead JVM left
	 * @param redactedEvents the event types a dump must not hold
	 * @return the saved dump; empty if it was not saved
	 * @throws IOException if it cannot be written
	 */
	public Optional<SavedDump> saveCrashed(CrashedRecording recording, Set<String> redactedEvents) throws IOException {
		long size = 0;
		for (Path chunk : recording.chunks()) {
			size += Files.size(chunk);
		}
		Files.createDirectories(this.directory);
		Path part = this.diskSpace.newFile(this.directory, size, "a crash dump", "." + name(recording.lastWritten(),
				CRASH_TRIGGER) + "-", ".part");
		try {
			try (OutputStream out = Files.newOutputStream(part)) {
				for (Path chunk : recording.chunks()) {
					Files.copy(chunk, out);
				}
			}
			return adopt(part, recording.lastWritten(), CRASH_TRIGGER,
					"left by JVM " + recording.pid() + ", killed while recording", redactedEvents);
		}
		finally {
			Files.deleteIfExists(part);
		}
	}

	/**
	 * Deletes the dumps that JVMs killed while writing them left half-written in the
	 * directory. Only those of provably dead JVMs of this host are deleted.
	 */
	public void deleteHalfWritten() {
		if (Files.isDirectory(this.directory)) {
			DeadWriters.deleteFiles(this.directory);
		}
	}

	/**
	 * Makes a complete recording file a saved dump, unless it is not a whole recording or
	 * holds redacted events, in which case it is deleted and that is logged.
	 */
	private Optional<SavedDump> adopt(Path file, Instant written, String trigger, String reason,
			Set<String> redactedEvents) throws IOException {
		String unfit = unfit(file, redactedEvents);
		if (unfit != null) {
			Files.delete(file);
			logger.log(System.Logger.Level.WARNING, "Deleted the " + trigger + " dump " + file + ": " + unfit);
			return Optional.empty();
		}
		String name = name(written.truncatedTo(ChronoUnit.MILLIS), trigger);
		publish(file, name, reason, null);
		Optional<SavedDump> dump = find(name);
		dump.ifPresent((saved) -> Listeners.tellEach(this.listeners, (listener) -> listener.accept(saved)));
		return dump;
	}

	private static @Nullable String unfit(Path file, Set<String> redactedEvents) {
		try {
			if (Files.size(file) == 0) {
				return "it is empty: the JVM did not exit normally";
			}
			try (RecordingFile recording = new RecordingFile(file)) {
				recording.hasMoreEvents();
			}
			return EventScan.containsAny(file, redactedEvents)
					? "it holds redacted events, which another recording in that JVM enabled" : null;
		}
		catch (IOException ex) {
			return "it is not a whole recording (" + ex.getMessage() + ")";
		}
	}

	/**
	 * Lists the saved dumps, newest first.
	 * @return the dumps; none if the directory does not exist
	 * @throws IOException if the directory cannot be read
	 */
	public List<SavedDump> list() throws IOException {
		List<SavedDump> dumps = new ArrayList<>();
		if (!Files.isDirectory(this.directory)) {
			return dumps;
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.directory, "*.jfr")) {
			for (Path file : files) {
				find(file.getFileName().toString()).ifPresent(dumps::add);
			}
		}
		dumps.sort(Comparator.comparing(SavedDump::time).thenComparing(SavedDump::name).reversed());
		return dumps;
	}

	/**
	 * Returns the file of a saved dump.
	 * @param name the dump's name, as listed
	 * @return its file, or empty if no saved dump has that name
	 */
	public Optional<Path> file(String name) {
		Path file = resolve(name);
		return (file != null && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) ? Optional.of(file)
				: Optional.empty();
	}

	/**
	 * Deletes a saved dump.
	 * @param name the dump's name, as listed
	 * @return whether a dump of that name was deleted
	 * @throws IOException if it exists but cannot be deleted
	 */
	public boolean delete(String name) throws IOException {
		Optional<Path> file = file(name);
		if (file.isEmpty()) {
			return false;
		}
		Files.deleteIfExists(reasonFile(file.get()));
		Files.deleteIfExists(uploadedFile(file.get()));
		Files.deleteIfExists(tracesFile(file.get()));
		return Files.deleteIfExists(file.get());
	}

	/**
	 * Marks a saved dump as copied to the given place, for {@link SavedDump#uploaded()}. The
	 * mark is written whole or not at all.
	 * @param name the dump's name, as listed
	 * @param location where it was copied to, such as {@code s3://bucket/key}
	 * @return whether a dump of that name was marked; false if there is none (deleted
	 * meanwhile)
	 * @throws IOException if the mark cannot be written
	 */
	public boolean markUploaded(String name, String location) throws IOException {
		Optional<Path> file = file(name);
		if (file.isEmpty()) {
			return false;
		}
		Path mark = uploadedFile(file.get());
		writeWhole(name, mark, (out) -> out.write(location.getBytes(StandardCharsets.UTF_8)));
		if (file(name).isPresent()) {
			return true;
		}
		Files.deleteIfExists(mark);
		return false;
	}

	/**
	 * Writes a file beside a dump whole or not at all: to a {@linkplain #partFile temporary
	 * file}, then moved into place.
	 */
	private void writeWhole(String dump, Path target, Content content) throws IOException {
		Path part = partFile(dump);
		try {
			try (OutputStream out = Files.newOutputStream(part)) {
				content.writeTo(out);
			}
			Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(part);
		}
	}

	/**
	 * Creates a temporary file in the directory named for a dump and this process, which
	 * {@link #deleteHalfWritten()} deletes if the process is killed before it is moved or
	 * deleted.
	 */
	private Path partFile(String dump) throws IOException {
		return Files.createTempFile(this.directory,
				"." + FileNames.safeName(dump) + "-" + ProcessToken.CURRENT + "-", ".part");
	}

	/**
	 * Writes what a file beside a dump holds.
	 */
	@FunctionalInterface
	private interface Content {

		void writeTo(OutputStream out) throws IOException;

	}

	private void applyRetention(String newest) throws IOException {
		long total = 0;
		int count = 0;
		for (SavedDump dump : list()) {
			count++;
			total += dump.size();
			if (!dump.name().equals(newest) && (count > this.maxCount || total > this.maxTotalSize)) {
				delete(dump.name());
			}
		}
	}

	/**
	 * Returns a saved dump as {@link #list()} lists it, without reading the others.
	 * @param name the dump's name, as listed
	 * @return the dump, or empty if no saved dump has that name
	 * @throws IOException if its reason cannot be read
	 */
	public Optional<SavedDump> find(String name) throws IOException {
		Path file = resolve(name);
		if (file == null) {
			return Optional.empty();
		}
		Matcher matcher = NAME.matcher(name);
		matcher.matches();
		try {
			long size = Files.size(file);
			String reason = Objects.requireNonNullElse(readIfPresent(reasonFile(file)), "");
			String settings = null;
			if (reason.startsWith(SETTINGS_LINE) && reason.indexOf('\n') > 0) {
				settings = reason.substring(SETTINGS_LINE.length(), reason.indexOf('\n'));
				reason = reason.substring(reason.indexOf('\n') + 1);
			}
			return Optional.of(new SavedDump(name, matcher.group(3), reason, savedAt(this.application, name).orElseThrow(),
					size, settings, readIfPresent(uploadedFile(file))));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Returns when a dump was saved, as its name says, if the name is that of a dump of the
	 * given application ({@code <application>-<UTC time>-<trigger>.jfr}): for dumps listed
	 * elsewhere, such as in object storage, with no file here.
	 * @param application the application's name
	 * @param name the name
	 * @return the time, or empty for any other name
	 */
	public static Optional<Instant> savedAt(String application, String name) {
		Matcher matcher = NAME.matcher(name);
		if (!matcher.matches() || !name.startsWith(FileNames.safeName(application) + "-")) {
			return Optional.empty();
		}
		try {
			return Optional.of(Instant.from(TIMESTAMP.parse(matcher.group(2))));
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Returns the file of a name of the form of a dump's directly in the directory, or null
	 * for any other name.
	 */
	private @Nullable Path resolve(String name) {
		if (savedAt(this.application, name).isEmpty()) {
			return null;
		}
		Path file = this.directory.resolve(name).normalize();
		return this.directory.equals(file.getParent()) ? file : null;
	}

	private String name(Instant time, String trigger) {
		return this.application + "-" + TIMESTAMP.format(time) + "-" + FileNames.safeName(trigger) + ".jfr";
	}

	private static @Nullable String readIfPresent(Path file) throws IOException {
		return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
	}

	private static Path reasonFile(Path file) {
		return file.resolveSibling(file.getFileName() + REASON_SUFFIX);
	}

	private static Path tracesFile(Path file) {
		return file.resolveSibling(file.getFileName() + TRACES_SUFFIX);
	}

	private static Path uploadedFile(Path file) {
		return file.resolveSibling(file.getFileName() + UPLOADED_SUFFIX);
	}

}

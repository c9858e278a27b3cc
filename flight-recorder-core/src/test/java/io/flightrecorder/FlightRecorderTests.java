package io.flightrecorder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class FlightRecorderTests {

	private FlightRecorder recorder = new FlightRecorder(FlightRecorderConfig.DEFAULTS);

	@AfterEach
	void stopRecorder() {
		this.recorder.stop();
	}

	@Test
	void isEnabledBetweenStartAndStop() {
		assertThat(this.recorder.isEnabled()).isFalse();
		this.recorder.start();
		assertThat(this.recorder.isEnabled()).isTrue();
		this.recorder.stop();
		assertThat(this.recorder.isEnabled()).isFalse();
	}

	/**
	 * The end of a boost goes back to the recorder's own settings, and its status says
	 * which are in force.
	 */
	@Test
	void theEndOfABoostGoesBackToTheRecordersOwnSettings() {
		String threshold = "jdk.JavaMonitorEnter#threshold";
		this.recorder = new FlightRecorder(FlightRecorderConfig.builder()
			.settings(new FlightRecorderConfig.Settings("own", Map.of(threshold, "40 ms")))
			.build());
		this.recorder.start();
		Boost boost = this.recorder.boosts().start("boost", Map.of(threshold, "1 ms"), Duration.ofMinutes(1));
		assertThat(Recordings.ring().getSettings()).containsEntry(threshold, "1 ms");
		assertThat(this.recorder.status().boost()).isEqualTo(boost);
		assertThat(this.recorder.status().settings()).isEqualTo("boost 'boost' until " + boost.until());
		assertThat(this.recorder.boosts().end()).isTrue();
		assertThat(Recordings.ring().getSettings()).containsEntry(threshold, "40 ms");
		assertThat(this.recorder.status().settings()).isEqualTo("own");
		assertThat(this.recorder.boosts().end()).isFalse();
	}

	@Test
	void startWhenStartedFails() {
		this.recorder.start();
		assertThatIllegalStateException().isThrownBy(this.recorder::start).withMessageContaining("already started");
		assertThat(this.recorder.isEnabled()).isTrue();
	}

	/**
	 * Stopping a recorder that is not recording does nothing: a recorder can stop itself
	 * for lack of disk space at any moment, so a caller that checked {@code isEnabled()}
	 * first could still find it stopped.
	 */
	@Test
	void stopWhenNotRecordingDoesNothing() {
		assertThatNoException().isThrownBy(this.recorder::stop);
		this.recorder.start();
		this.recorder.stop();
		assertThatNoException().isThrownBy(this.recorder::stop);
		assertThat(this.recorder.isEnabled()).isFalse();
	}

	@Test
	void snapshotWhenNotStartedFails() {
		assertThatIllegalStateException().isThrownBy(() -> this.recorder.writeTo(new ByteArrayOutputStream()))
			.withMessageContaining("not started");
		this.recorder.start();
		this.recorder.stop();
		assertThatIllegalStateException().isThrownBy(() -> this.recorder.writeTo(new ByteArrayOutputStream()))
			.withMessageContaining("not started");
	}

	@Test
	void eventsJfrTakesAtEveryChunkAreTakenOncePerPeriodAndStayOutOfTheShortChunks() throws IOException {
		this.recorder = new FlightRecorder(FlightRecorderConfig.builder().period(Duration.ofMinutes(1)).build());
		this.recorder.start();
		jdk.jfr.Recording ring = jdk.jfr.FlightRecorder.getFlightRecorder()
			.getRecordings()
			.stream()
			.filter((recording) -> recording.getName().equals("flight-recorder"))
			.findFirst()
			.orElseThrow();
		assertThat(ring.getSettings()).containsEntry("jdk.ThreadDump#period", "60000 ms")
			.containsEntry("jdk.ClassLoaderStatistics#period", "60000 ms")
			.containsEntry("jdk.CPUInformation#period", "beginChunk")
			.doesNotContainValue("everyChunk");
		for (int i = 0; i < 5; i++) {
			this.recorder.writeTo(OutputStream.nullOutputStream());
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.recorder.writeTo(out);
		List<String> types = Recordings.events(out.toByteArray())
			.stream()
			.map((event) -> event.getEventType().getName())
			.toList();
		assertThat(types).as("one per chunk, at its start").filteredOn("jdk.CPUInformation"::equals).hasSizeGreaterThanOrEqualTo(6);
		assertThat(types).as("at most the one at the start, not two per chunk")
			.filteredOn("jdk.ClassLoaderStatistics"::equals)
			.hasSizeLessThanOrEqualTo(1);
	}

	@Test
	void invalidHintsAreRejected() {
		FlightRecorderConfig.Builder config = FlightRecorderConfig.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> config.size(0).build()).withMessageContaining("Size");
		assertThatIllegalArgumentException().isThrownBy(() -> config.size(-1).build()).withMessageContaining("-1");
		config.size(1);
		assertThatIllegalArgumentException().isThrownBy(() -> config.period(Duration.ZERO).build())
			.withMessageContaining("Period");
		assertThatIllegalArgumentException().isThrownBy(() -> config.period(Duration.ofSeconds(-1)).build())
			.withMessageContaining("PT-1S");
		config.period(Duration.ofSeconds(1));
		assertThatIllegalArgumentException().isThrownBy(() -> config.minFreeSpace(0).build())
			.withMessageContaining("free space");
		config.minFreeSpace(1);
		assertThatIllegalArgumentException().isThrownBy(() -> config.stopTimeout(Duration.ofSeconds(-1)).build())
			.withMessageContaining("stop timeout");
	}

	/**
	 * A snapshot that may wait gets its snapshot as soon as the open one is closed, and the
	 * listeners hear of one request that succeeded, not of the wait.
	 */
	@Test
	void aSnapshotThatMayWaitIsTakenWhenTheOpenOneCloses() throws Exception {
		List<SnapshotOutcome> outcomes = new CopyOnWriteArrayList<>();
		this.recorder.snapshotListeners().add(() -> (outcome, bytes) -> outcomes.add(outcome));
		this.recorder.start();
		Snapshot open = this.recorder.snapshot();
		CompletableFuture<Long> waiting = new CompletableFuture<>();
		Thread waiter = new Thread(() -> {
			try (Snapshot next = this.recorder.snapshot(Duration.ofSeconds(30))) {
				waiting.complete(next.writeTo(OutputStream.nullOutputStream()));
			}
			catch (IOException | RuntimeException ex) {
				waiting.completeExceptionally(ex);
			}
		});
		waiter.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
		assertThat(waiting).isNotDone();
		open.writeTo(OutputStream.nullOutputStream());
		assertThat(waiting.get(30, TimeUnit.SECONDS)).isPositive();
		assertThat(outcomes).containsExactly(SnapshotOutcome.SUCCESS, SnapshotOutcome.SUCCESS);
	}

	@Test
	void aSnapshotThatWaitedInVainIsRejectedOnce() throws Exception {
		List<SnapshotOutcome> outcomes = new CopyOnWriteArrayList<>();
		this.recorder.snapshotListeners().add(() -> (outcome, bytes) -> outcomes.add(outcome));
		this.recorder.start();
		try (Snapshot open = this.recorder.snapshot()) {
			assertThatExceptionOfType(SnapshotActiveException.class)
				.isThrownBy(() -> this.recorder.snapshot(Duration.ofMillis(300)));
		}
		assertThat(outcomes).containsExactly(SnapshotOutcome.REJECTED, SnapshotOutcome.CLIENT_ABORTED);
	}

	@Test
	void snapshotHoldsAnEventCommittedJustBeforeTheCall() throws IOException {
		this.recorder.start();
		String marker = UUID.randomUUID().toString();
		MarkerEvent.commit(marker);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		long written = this.recorder.writeTo(out);
		assertThat(written).isEqualTo(out.size()).isPositive();
		assertThat(Recordings.markers(out.toByteArray())).contains(marker);
	}

	@Test
	void eachSnapshotHoldsTheNewestData() throws IOException {
		this.recorder.start();
		for (int i = 0; i < 3; i++) {
			String marker = UUID.randomUUID().toString();
			MarkerEvent.commit(marker);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			this.recorder.writeTo(out);
			assertThat(Recordings.markers(out.toByteArray())).contains(marker);
		}
	}

	/**
	 * 4 MB/s, against a ring of 2 MiB. JDK 17 writes JFR's buffers to the chunk as they fill,
	 * later JDKs once a second, so that there the chunks are ended by how fast the chunks
	 * before them grew (without that, a snapshot there holds up to a second of the load: 4 MB
	 * and more). The first snapshot is taken after 3 s: in the first second the size check may
	 * find the chunk empty and look again only a second later, and on later JDKs the first
	 * chunks ended by size teach how fast the chunks grow. Snapshots end chunks too, so they
	 * are taken 1.3 s apart: more than the second between two writes of the buffers, and not
	 * a multiple of it.
	 */
	@Test
	void underAHeavyLoadSnapshotsStayWithinAQuarterAboveTheSize() throws IOException {
		long size = 2 * 1024 * 1024;
		this.recorder = new FlightRecorder(FlightRecorderConfig.builder()
			.size(size)
			.period(Duration.ofHours(1))
			.build());
		this.recorder.start();
		List<Long> sizes = new ArrayList<>();
		long next = System.nanoTime();
		for (int step = 1; step <= 950; step++) {
			Recordings.fill(40 * 1024);
			next += TimeUnit.MILLISECONDS.toNanos(10);
			LockSupport.parkNanos(next - System.nanoTime());
			if (step >= 300 && (step - 300) % 130 == 0) {
				sizes.add(this.recorder.writeTo(OutputStream.nullOutputStream()));
			}
		}
		assertThat(sizes).hasSize(6).allSatisfy((snapshot) -> assertThat(snapshot).isLessThanOrEqualTo(size * 5 / 4));
	}

	@Test
	void snapshotSizeIsKnownBeforeItsBytes() throws IOException {
		this.recorder.start();
		try (Snapshot snapshot = this.recorder.snapshot()) {
			long size = snapshot.size();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			assertThat(snapshot.writeTo(out)).isEqualTo(size);
			assertThat(out.size()).isEqualTo(size);
		}
	}

	@Test
	void concurrentSnapshotFailsAtOnceWithoutWaiting() throws Exception {
		this.recorder.start();
		GatedOutputStream slowClient = new GatedOutputStream();
		CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> write(slowClient));
		assertThat(slowClient.entered.await(30, TimeUnit.SECONDS)).isTrue();
		assertThatThrownBy(() -> this.recorder.writeTo(new ByteArrayOutputStream()))
			.isInstanceOf(SnapshotActiveException.class);
		assertThatThrownBy(this.recorder::snapshot).isInstanceOf(SnapshotActiveException.class);
		slowClient.open();
		assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(slowClient.toByteArray().length);
		assertThat(Recordings.events(slowClient.toByteArray())).isNotEmpty();
		assertThat(this.recorder.writeTo(new ByteArrayOutputStream())).isPositive();
	}

	@Test
	void snapshotCanBeClosedOnAnotherThread() throws Exception {
		this.recorder.start();
		Snapshot snapshot = this.recorder.snapshot();
		CompletableFuture.runAsync(snapshot::close).get(30, TimeUnit.SECONDS);
		assertThat(this.recorder.writeTo(new ByteArrayOutputStream())).isPositive();
	}

	@Test
	void stopWaitsForTheSnapshotBeingWritten() throws Exception {
		this.recorder.start();
		GatedOutputStream slowClient = new GatedOutputStream();
		CompletableFuture<Long> snapshot = CompletableFuture.supplyAsync(() -> write(slowClient));
		assertThat(slowClient.entered.await(30, TimeUnit.SECONDS)).isTrue();
		Thread stopper = new Thread(this.recorder::stop);
		stopper.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> stopper.getState() == Thread.State.TIMED_WAITING);
		assertThat(snapshot).isNotDone();
		assertThat(this.recorder.isEnabled()).isFalse();
		slowClient.open();
		stopper.join(TimeUnit.SECONDS.toMillis(30));
		assertThat(stopper.isAlive()).isFalse();
		assertThat(Recordings.events(slowClient.toByteArray())).isNotEmpty();
		assertThat(snapshot.get()).isEqualTo(slowClient.toByteArray().length);
	}

	@Test
	void stopAbortsASnapshotThatIsNeverClosed() throws Exception {
		this.recorder = new FlightRecorder(FlightRecorderConfig.builder().stopTimeout(Duration.ofMillis(200)).build());
		this.recorder.start();
		Snapshot neverClosed = this.recorder.snapshot();
		CompletableFuture<Void> stop = CompletableFuture.runAsync(this.recorder::stop);
		stop.get(30, TimeUnit.SECONDS);
		assertThat(this.recorder.isEnabled()).isFalse();
		this.recorder.start();
		assertThat(this.recorder.writeTo(OutputStream.nullOutputStream())).isPositive();
		assertThat(neverClosed.size()).isPositive();
	}

	@Test
	void aSnapshotIsNotClosedAsUnreachableWhileItsStreamIsRead() throws Exception {
		this.recorder.start();
		InputStream stream = this.recorder.snapshot().getInputStream();
		for (int i = 0; i < 10; i++) {
			System.gc();
			Thread.sleep(50);
			assertThatThrownBy(this.recorder::snapshot).isInstanceOf(SnapshotActiveException.class);
		}
		assertThat(stream.transferTo(OutputStream.nullOutputStream())).isPositive();
		stream.close();
	}

	@Test
	void aFailedStartLeavesNoRecordingBehind(@TempDir Path directory) {
		long before = flightRecorderRecordings();
		this.recorder = new FlightRecorder(
				FlightRecorderConfig.builder().exitDump(directory.resolve("missing").resolve("exit.jfr")).build());
		for (int i = 0; i < 3; i++) {
			assertThatThrownBy(this.recorder::start).hasMessageContaining("exit.jfr");
		}
		assertThat(flightRecorderRecordings()).isEqualTo(before);
		assertThat(this.recorder.isEnabled()).isFalse();
	}

	@Test
	void theExitDumpIsReadableByItsOwnerOnly(@TempDir Path directory) throws IOException {
		Path exitDump = directory.resolve("exit.jfr");
		this.recorder = new FlightRecorder(FlightRecorderConfig.builder().exitDump(exitDump).build());
		this.recorder.start();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(exitDump))).isEqualTo("rw-------");
	}

	@Test
	void abortedSnapshotLeavesNothingBehind() throws Exception {
		this.recorder.start();
		for (int i = 0; i < 3; i++) {
			this.recorder.writeTo(OutputStream.nullOutputStream());
		}
		List<Path> tempFilesBefore = temporarySnapshotFiles();
		for (int i = 0; i < 5; i++) {
			assertThatIOException().isThrownBy(() -> this.recorder.writeTo(new FailingOutputStream(4096)))
				.withMessage("client gone");
		}
		assertThat(temporarySnapshotFiles()).isEqualTo(tempFilesBefore);
		String marker = UUID.randomUUID().toString();
		MarkerEvent.commit(marker);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.recorder.writeTo(out);
		assertThat(Recordings.markers(out.toByteArray())).contains(marker);
		this.recorder.stop();
		assertThat(repositoryChunks()).as("chunk files pinned after the recording stopped").isEmpty();
	}

	@Test
	void theRingHasTheConfiguredHints() {
		this.recorder = new FlightRecorder(FlightRecorderConfig.builder()
			.size(2 * 1024 * 1024)
			.period(Duration.ofSeconds(30))
			.build());
		this.recorder.start();
		assertThat(Recordings.ring().getMaxSize()).isEqualTo(2 * 1024 * 1024);
		assertThat(Recordings.ring().getMaxAge()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void defaultsAreTenMebibytesAndTenSeconds() {
		this.recorder.start();
		assertThat(Recordings.ring().getMaxSize()).isEqualTo(10 * 1024 * 1024);
		assertThat(Recordings.ring().getMaxAge()).isEqualTo(Duration.ofSeconds(10));
		assertThat(Recordings.ring().getSettings()).containsEntry("jdk.ExecutionSample#enabled", "true");
	}

	private long write(OutputStream out) {
		try {
			return this.recorder.writeTo(out);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long flightRecorderRecordings() {
		return jdk.jfr.FlightRecorder.getFlightRecorder()
			.getRecordings()
			.stream()
			.filter((recording) -> recording.getName().equals("flight-recorder"))
			.count();
	}

	private static List<Path> temporarySnapshotFiles() throws IOException {
		try (Stream<Path> files = Files.list(Paths.get(System.getProperty("java.io.tmpdir")))) {
			return files.filter((file) -> file.getFileName().toString().startsWith("flight-recorder-")).sorted().toList();
		}
	}

	private static List<Path> repositoryChunks() throws IOException {
		try (Stream<Path> files = Files.list(Paths.get(System.getProperty("jdk.jfr.repository")))) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".jfr")).toList();
		}
	}

	/**
	 * A client that goes away after some bytes.
	 */
	private static final class FailingOutputStream extends OutputStream {

		private long remaining;

		FailingOutputStream(long bytes) {
			this.remaining = bytes;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			if (len > this.remaining) {
				throw new IOException("client gone");
			}
			this.remaining -= len;
		}

	}

}

package io.flightrecorder.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;

import io.flightrecorder.dump.TraceId;
import io.flightrecorder.report.RecordingScan.FiredTrigger;
import io.flightrecorder.report.RecordingScan.Observation;
import io.flightrecorder.report.ThreadTimeGraphs.ObservationGraphs;

/**
 * Builds the report of a {@code .jfr} recording: one self-contained HTML page, see the
 * {@link io.flightrecorder.report package}. Building one reads the recording twice with
 * async-profiler's converter, twice with {@code jdk.jfr.consumer}, and loads the events
 * JMC's rules read into JDK Mission Control to run them: so only one report is built at a
 * time, and the caller should hold nothing else while it runs, such as a snapshot.
 * <p>
 * A report never risks the application's heap. Before it is built, the heap it needs is
 * estimated from the recording's size ({@link #heapNeeded(long)}) and compared with the
 * application's {@linkplain ReportOptions#heapShare() share} of the heap left free after
 * the last garbage collection. One that fits is built in this JVM, and abandoned if the heap
 * in use grows past that share all the same; one that does not is built in a JVM of its own
 * ({@link ReportOptions.Build}), or refused with {@link ReportRefusedException}. Either way
 * it is abandoned once its {@linkplain ReportOptions#timeout() time limit} has passed.
 * <p>
 * The page shows what the recording holds and nothing more: a recording without redacted
 * events gives a report without them. Its cost grows with the recording: see
 * {@code docs/performance.md} for the CPU time and heap measured at 1, 10 and 50 MiB.
 */
public final class RecordingReport implements AutoCloseable {

	/**
	 * How many of the slowest observations a report lists, each with its own flame graphs.
	 */
	private static final int SLOWEST = 10;

	/**
	 * How many observations, the slowest, a report lists for its search box.
	 */
	private static final int SEARCHABLE = 5000;

	/**
	 * The heap a build takes per byte of recording, above {@link #HEAP_FIXED}: the most
	 * measured by {@code benchmarks/report.sh}, rounded up.
	 */
	private static final long HEAP_PER_BYTE = 3;

	/**
	 * The heap a build takes whatever the recording's size: the parsers' tables, the flame
	 * graphs and the page.
	 */
	private static final long HEAP_FIXED = 48L * 1024 * 1024;

	private final Semaphore permit = new Semaphore(1);

	private final ReportOptions options;

	private final ReportProcess process = new ReportProcess();

	/**
	 * Creates a report builder with the {@linkplain ReportOptions#DEFAULTS defaults}.
	 */
	public RecordingReport() {
		this(ReportOptions.DEFAULTS);
	}

	/**
	 * Creates a report builder.
	 * @param options where, with how much heap, and for how long reports are built
	 */
	public RecordingReport(ReportOptions options) {
		this.options = options;
	}

	/**
	 * Returns the heap that building the report of a recording is estimated to need: an
	 * estimate, not a bound, which the build checks as it goes.
	 * @param recordingSize the recording's size in bytes
	 * @return the heap in bytes
	 */
	public static long heapNeeded(long recordingSize) {
		return HEAP_FIXED + HEAP_PER_BYTE * recordingSize;
	}

	/**
	 * Takes the right to build the one report that may be built now; take it before the
	 * recording is fetched, so that a refused report costs nothing.
	 * @return the permit, to close when done
	 * @throws ReportActiveException at once if another report is being built
	 */
	public Permit start() {
		if (!this.permit.tryAcquire()) {
			throw new ReportActiveException();
		}
		return new Permit();
	}

	/**
	 * Ends the report being built in a process of its own, if there is one, and any started
	 * later: the application is shutting down.
	 */
	@Override
	public void close() {
		this.process.close();
	}

	/**
	 * Writes the report of a recording in this JVM. The stream is not closed.
	 * @param recording the {@code .jfr} file, only read
	 * @param subject what the header says about it
	 * @param out where to write the page, in UTF-8
	 * @param guard checked as the recording is read
	 * @throws IOException if the recording cannot be read or the page written
	 * @throws ReportRefusedException if the guard stops the build
	 */
	static void build(Path recording, ReportSubject subject, OutputStream out, ReportGuard guard) throws IOException {
		RecordingScan scan = RecordingScan.scan(recording, SEARCHABLE, subject.traceId(), subject.reason(), guard);
		List<Observation> searchable = scan.slowestObservations();
		List<Observation> slowest = searchable.subList(0, Math.min(SLOWEST, searchable.size()));
		List<Observation> graphed = new ArrayList<>(scan.traced());
		graphed.addAll(slowest);
		ThreadTimeGraphs graphs = ThreadTimeGraphs.of(recording, graphed, scan.samplePeriod(), guard);
		List<ObservationGraphs> tracedGraphs = graphs.observations().subList(0, scan.traced().size());
		List<ObservationGraphs> slowestGraphs = graphs.observations().subList(scan.traced().size(), graphed.size());
		Findings findings = Findings.evaluate(recording, guard);
		PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
		ReportPage page = new ReportPage(writer);
		page.header(subject, Files.size(recording), scan.first(), scan.last());
		List<FiredTrigger> fired = scan.fired();
		page.firedTriggers(fired, scan.firstWroteDump());
		TraceId traceId = subject.traceId();
		if (traceId != null) {
			page.trace(traceId, scan.traced(), tracedGraphs, scan.first(), scan.last());
		}
		page.findings(findings);
		page.flameGraphsStart();
		page.flameGraph("cpu-graph", "CPU", FlameGraphs.html(graphs.cpu()));
		guard.check();
		page.flameGraph("allocation-graph", "Allocation",
				FlameGraphs.convert(recording, "Allocation", FlameGraphs.ALLOCATION));
		guard.check();
		page.flameGraph("lock-graph", "Lock contention",
				FlameGraphs.convert(recording, "Lock contention", FlameGraphs.LOCKS));
		guard.check();
		page.flameGraph("wall-graph", "Wall clock", FlameGraphs.html(graphs.wallClock()));
		page.sectionEnd();
		page.slowestStart(slowest.size());
		for (int i = 0; i < slowest.size(); i++) {
			page.observation(i, slowest.get(i), slowestGraphs.get(i));
		}
		page.slowestEnd(slowest.size());
		page.searchable(searchable, scan.observationCount());
		Instant first = scan.first();
		Instant last = scan.last();
		if (first != null && last != null) {
			page.timeline(Timeline.svg(first, last, scan.cpuLoad(), scan.gcPauses(), fired), scan.gcPauses().size(),
					scan.cpuLoad().size(), fired.size());
		}
		page.end();
		writer.flush();
		if (writer.checkError()) {
			throw new IOException("The report could not be written");
		}
	}

	/**
	 * The right to build one report. Closing it again does nothing.
	 */
	public final class Permit implements AutoCloseable {

		private boolean closed;

		private Permit() {
		}

		/**
		 * Writes the report of a recording, in this JVM or in one of its own as the options
		 * say and the heap allows. The stream is not closed.
		 * @param recording the {@code .jfr} file, only read
		 * @param subject what the header says about it
		 * @param out where to write the page, in UTF-8
		 * @throws IOException if the recording cannot be read or the page written
		 * @throws ReportRefusedException if the report does not fit in the heap it may use,
		 * takes longer than its time limit, or its own process fails
		 * @throws IllegalStateException if this permit is closed
		 */
		public void write(Path recording, ReportSubject subject, OutputStream out) throws IOException {
			if (this.closed) {
				throw new IllegalStateException("The report permit is closed");
			}
			ReportOptions options = RecordingReport.this.options;
			long size = Files.size(recording);
			long needed = heapNeeded(size);
			long max = Runtime.getRuntime().maxMemory();
			long free = max - ReportGuard.liveHeap();
			long allowed = (long) (Math.max(0, free) * options.heapShare());
			if (options.build() != ReportOptions.Build.OUT_OF_PROCESS && needed <= allowed) {
				build(recording, subject, out, new ReportGuard(options.timeout(), allowed));
			}
			else if (options.build() == ReportOptions.Build.IN_PROCESS) {
				throw new ReportRefusedException(String.format(Locale.ROOT,
						"The report of this %s recording needs about %s of heap, and this JVM may give it %s "
								+ "(%.0f%% of the %s left free after the last garbage collection, of %s at most)",
						ReportGuard.megabytes(size), ReportGuard.megabytes(needed), ReportGuard.megabytes(allowed),
						options.heapShare() * 100, ReportGuard.megabytes(free),
						ReportGuard.megabytes(max)));
			}
			else if (needed > options.maxProcessHeap()) {
				throw new ReportRefusedException(String.format(Locale.ROOT,
						"The report of this %s recording needs about %s of heap, more than the %s its own process may "
								+ "take",
						ReportGuard.megabytes(size), ReportGuard.megabytes(needed),
						ReportGuard.megabytes(options.maxProcessHeap())));
			}
			else {
				RecordingReport.this.process.write(recording, subject, out, needed, options.timeout());
			}
		}

		@Override
		public void close() {
			if (!this.closed) {
				this.closed = true;
				RecordingReport.this.permit.release();
			}
		}

	}

}

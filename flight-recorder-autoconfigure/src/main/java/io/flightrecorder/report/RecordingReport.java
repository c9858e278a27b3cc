package io.flightrecorder.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;

import io.flightrecorder.report.RecordingScan.Observation;

/**
 * Builds the report of a {@code .jfr} recording: one self-contained HTML page, see the
 * {@link io.flightrecorder.report package}. Building one reads the recording twice with
 * async-profiler's converter, twice with {@code jdk.jfr.consumer}, and loads it whole into
 * JDK Mission Control to run its rules, on the calling thread (JMC's rules on one thread of
 * their own): so only one report is built at a time, and the caller should hold nothing
 * else while it runs, such as a snapshot.
 * <p>
 * The page shows what the recording holds and nothing more: a recording without redacted
 * events gives a report without them. Its cost grows with the recording: see
 * {@code docs/performance.md} for the CPU time and heap measured at 1, 10 and 50 MiB.
 */
public final class RecordingReport {

	/**
	 * How many of the slowest observations a report lists, each with its own flame graph.
	 */
	private static final int SLOWEST = 10;

	private final Semaphore permit = new Semaphore(1);

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
	 * The right to build one report. Closing it again does nothing.
	 */
	public final class Permit implements AutoCloseable {

		private boolean closed;

		private Permit() {
		}

		/**
		 * Writes the report of a recording. The stream is not closed.
		 * @param recording the {@code .jfr} file, only read
		 * @param subject what the header says about it
		 * @param out where to write the page, in UTF-8
		 * @throws IOException if the recording cannot be read or the page written
		 * @throws IllegalStateException if this permit is closed
		 */
		public void write(Path recording, ReportSubject subject, OutputStream out) throws IOException {
			if (this.closed) {
				throw new IllegalStateException("The report permit is closed");
			}
			RecordingScan scan = RecordingScan.scan(recording, SLOWEST);
			List<Observation> observations = scan.slowestObservations();
			ThreadTimeGraphs graphs = ThreadTimeGraphs.of(recording, observations, scan.samplePeriod());
			Findings findings = Findings.evaluate(recording);
			PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
			ReportPage page = new ReportPage(writer);
			page.header(subject, Files.size(recording), scan.first(), scan.last());
			page.findings(findings);
			page.flameGraphsStart();
			page.flameGraph("cpu-graph", "CPU", FlameGraphs.html(graphs.cpu()));
			page.flameGraph("allocation-graph", "Allocation",
					FlameGraphs.convert(recording, "Allocation", FlameGraphs.ALLOCATION));
			page.flameGraph("lock-graph", "Lock contention",
					FlameGraphs.convert(recording, "Lock contention", FlameGraphs.LOCKS));
			page.flameGraph("wall-graph", "Wall clock", FlameGraphs.html(graphs.wallClock()));
			page.sectionEnd();
			page.slowestStart(observations.size());
			for (int i = 0; i < observations.size(); i++) {
				page.observation(i, observations.get(i), FlameGraphs.html(graphs.observations().get(i)));
			}
			page.slowestEnd(observations.size());
			Instant first = scan.first();
			Instant last = scan.last();
			if (first != null && last != null) {
				page.timeline(Timeline.svg(first, last, scan.cpuLoad(), scan.gcPauses()), scan.gcPauses().size(),
						scan.cpuLoad().size());
			}
			page.end();
			writer.flush();
			if (writer.checkError()) {
				throw new IOException("The report could not be written");
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

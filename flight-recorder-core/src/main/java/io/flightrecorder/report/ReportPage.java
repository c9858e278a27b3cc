package io.flightrecorder.report;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import io.flightrecorder.report.Findings.Finding;
import io.flightrecorder.dump.TraceId;
import io.flightrecorder.report.RecordingScan.FiredTrigger;
import io.flightrecorder.report.RecordingScan.Observation;
import io.flightrecorder.report.ThreadTimeGraphs.ObservationGraphs;
import io.flightrecorder.report.ThreadTimeGraphs.Wait;
import org.jspecify.annotations.Nullable;
import org.owasp.encoder.Encode;

/**
 * Writes the report as one HTML page that loads nothing: styles and scripts are inline, the
 * chart is SVG, and each flame graph is a page of its own in a sandboxed {@code srcdoc}
 * frame, so its script cannot reach the report. Its Content-Security-Policy forbids every
 * request, which a page copied out of the application keeps. Every string taken from the
 * recording is escaped.
 */
final class ReportPage {

	private static final String STYLE = """
			body{font:14px system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:0 16px;color:#222}
			h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:32px}
			dl.subject{display:grid;grid-template-columns:max-content auto;gap:4px 16px}dt{font-weight:600}dd{margin:0}
			table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eee;vertical-align:top}
			td.number{text-align:right;white-space:nowrap}.Warning{color:#b00020;font-weight:600}.Information{color:#8a5a00}
			iframe{width:100%;height:420px;border:1px solid #ccc}details>summary{cursor:pointer;color:#0366d6}
			#trace{border:2px solid #0366d6;padding:0 12px 12px}#event-triggers{border:2px solid #ff7f0e;padding:0 12px 12px}
			pre.stack{background:#f6f8fa;padding:8px;overflow-x:auto;font-size:12px}
			.note{color:#666}
			""";

	/**
	 * Loads each flame graph once it has its size: a graph sizes its canvas once, when its
	 * script runs, so a frame loaded before the layout, or inside a closed
	 * {@code <details>}, would stay blank.
	 */
	private static final String SHOW_FRAMES = """
			function show(frame) { if (!frame.srcdoc) frame.srcdoc = frame.dataset.page; }
			addEventListener('load', () => {
				document.querySelectorAll('iframe[data-page]').forEach((frame) => { if (!frame.closest('details')) show(frame); });
				document.querySelectorAll('details').forEach((details) => details.addEventListener('toggle', () => {
					if (details.open) details.querySelectorAll('iframe[data-page]').forEach(show);
				}));
			});
			""";

	private static final String OBSERVATION_HEADINGS = "<tr><th>Duration</th><th>Name</th><th>Method</th>"
			+ "<th>URI</th><th>Status</th><th>Error</th><th>Trace id</th><th>Thread</th><th>Started</th></tr>";

	/**
	 * Filters the table of all observations as the search box is typed in, and shows the
	 * trace's section, when there is one, first.
	 */
	private static final String SEARCH = """
			const search = document.getElementById('search');
			if (search) search.addEventListener('input', () => {
				const text = search.value.trim().toLowerCase();
				document.querySelectorAll('#all-observations tr.searchable').forEach((row) => {
					row.hidden = text !== '' && !row.textContent.toLowerCase().includes(text);
				});
			});
			const trace = document.getElementById('trace');
			if (trace) addEventListener('load', () => trace.scrollIntoView());
			""";

	private final PrintWriter out;

	ReportPage(PrintWriter out) {
		this.out = out;
	}

	void header(ReportSubject subject, long size, @Nullable Instant first, @Nullable Instant last) {
		this.out.print("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>");
		this.out.print("<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
				+ "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">");
		this.out.print("<title>Flight recording of " + Encode.forHtml(subject.application()) + "</title>");
		this.out.print("<style>" + STYLE + "</style></head><body>");
		this.out.print("<header id='subject'><h1>Flight recording of " + Encode.forHtml(subject.application()) + "</h1>");
		this.out.print("<dl class='subject'>");
		term("Application", subject.application());
		term("Instance", subject.instance());
		term("Data", (first != null && last != null) ? first.truncatedTo(ChronoUnit.MILLIS) + " to "
				+ last.truncatedTo(ChronoUnit.MILLIS) + " (" + seconds(Duration.between(first, last)) + ")" : "no events");
		term("Size", String.format(Locale.ROOT, "%.1f MB (%d bytes)", size / 1e6, size));
		if (subject.trigger() != null) {
			term("Trigger", subject.trigger());
		}
		if (subject.reason() != null) {
			term("Reason", subject.reason());
		}
		if (subject.settings() != null) {
			term("Settings", subject.settings());
		}
		this.out.print("</dl><p><a id='download' href='" + Encode.forHtml(subject.download()) + "'>Download "
				+ Encode.forHtml(subject.fileName()) + "</a></p></header>");
	}

	/**
	 * Writes the section of the event triggers that fired in the recording, in the scan's
	 * order: the firing that wrote the dump first, when the scan found it (its reason is the
	 * dump's), its stack shown; then the others, newest first (firings a cooldown held back, or
	 * before the dump's own), each with its stack folded.
	 */
	void firedTriggers(List<FiredTrigger> fired, boolean firstWroteDump) {
		if (fired.isEmpty()) {
			return;
		}
		this.out.print("<section id='event-triggers'><h2>Event triggers</h2><p class='note'>" + fired.size()
				+ " event trigger firing(s) in this recording (marked on the timeline in orange): the one that wrote "
				+ "this dump first, then the others, newest first, such as those a cooldown held back.</p><table>"
				+ "<tr><th></th><th>Fired</th><th>Rule</th><th>Event</th><th>Value</th><th>Thread</th>"
				+ "<th>Event started</th><th>Lasted</th></tr>");
		for (int i = 0; i < fired.size(); i++) {
			FiredTrigger trigger = fired.get(i);
			boolean wrote = firstWroteDump && i == 0;
			this.out.print("<tr class='event-trigger'><td>" + (wrote ? "<strong id='wrote-this-dump'>wrote this "
					+ "dump</strong>" : "") + "</td><td>" + trigger.firedAt().truncatedTo(ChronoUnit.MILLIS) + "</td><td>"
					+ Encode.forHtml(trigger.rule()) + "</td><td>" + Encode.forHtml(trigger.event()) + "</td><td>"
					+ Encode.forHtml(trigger.value()) + "</td><td>"
					+ Encode.forHtml((trigger.thread() != null) ? trigger.thread() : "(the JVM's own)") + "</td><td>"
					+ trigger.start().truncatedTo(ChronoUnit.MILLIS) + "</td><td class='number'>"
					+ millis(trigger.duration()) + "</td></tr><tr><td></td><td colspan='7'>");
			String stack = trigger.stack();
			if (stack == null) {
				this.out.print("<p class='note'>No stack: the event was recorded without one.</p>");
			}
			else {
				this.out.print((wrote ? "<details open>" : "<details>") + "<summary>Stack</summary><pre class='stack' "
						+ "id='event-trigger-stack-" + i + "'>" + Encode.forHtml(stack) + "</pre></details>");
			}
			this.out.print("</td></tr>");
		}
		this.out.print("</table></section>");
	}

	void findings(Findings findings) {
		this.out.print("<section id='analysis'><h2>Automated analysis</h2>");
		this.out.print("<p class='note'>JDK Mission Control's rules, warnings first, then by score (0 to 100).");
		if (findings.failedRules() > 0) {
			this.out.print(" " + findings.failedRules() + " rule(s) could not evaluate this recording.");
		}
		this.out.print("</p>");
		List<Finding> notable = findings.findings().stream().filter(Finding::notable).toList();
		List<Finding> ok = findings.findings().stream().filter((finding) -> !finding.notable()).toList();
		if (notable.isEmpty()) {
			this.out.print("<p>No rule found anything to report.</p>");
		}
		else {
			findingsTable(notable);
		}
		if (!ok.isEmpty()) {
			this.out.print("<details id='ok-findings'><summary>" + ok.size() + " rules found nothing wrong</summary>");
			findingsTable(ok);
			this.out.print("</details>");
		}
		this.out.print("</section>");
	}

	private void findingsTable(List<Finding> findings) {
		this.out.print("<table><tr><th>Score</th><th>Severity</th><th>Rule</th><th>Finding</th></tr>");
		for (Finding finding : findings) {
			String severity = Encode.forHtml(finding.severity().getLocalizedName());
			this.out.print("<tr class='finding'><td class='number'>"
					+ String.format(Locale.ROOT, "%.0f", finding.score()) + "</td><td class='" + severity + "'>"
					+ severity + "</td><td>"
					+ Encode.forHtml(finding.rule()) + "</td><td>" + Encode.forHtml(finding.summary()));
			if (finding.explanation() != null || finding.solution() != null) {
				this.out.print("<details><summary>More</summary>");
				paragraph(finding.explanation());
				paragraph(finding.solution());
				this.out.print("</details>");
			}
			this.out.print("</td></tr>");
		}
		this.out.print("</table>");
	}

	void flameGraphsStart() {
		this.out.print("<section id='flame-graphs'><h2>Flame graphs</h2><p class='note'>Click a frame to zoom, "
				+ "Ctrl+F to search. Wall clock counts each execution sample as one sampling period, and each wait "
				+ "(sleep, park, lock, I/O) JFR recorded as its duration.</p>");
	}

	void flameGraph(String id, String heading, String page) {
		this.out.print("<h3>" + Encode.forHtml(heading) + "</h3>");
		frame(id, page);
	}

	void sectionEnd() {
		this.out.print("</section>");
	}

	/**
	 * Writes the section of one trace's observations, each with its graphs shown at once, or
	 * says that the recording holds none of them and what it covers.
	 */
	void trace(TraceId id, List<Observation> observations, List<ObservationGraphs> graphs, @Nullable Instant first,
			@Nullable Instant last) {
		this.out.print("<section id='trace'><h2>Trace " + id + "</h2>");
		if (observations.isEmpty()) {
			this.out.print("<p id='trace-missing' class='Warning'>This recording holds no observation of trace " + id
					+ ". It covers " + ((first != null && last != null) ? first.truncatedTo(ChronoUnit.MILLIS) + " to "
							+ last.truncatedTo(ChronoUnit.MILLIS) : "no time at all")
					+ ": a request that ended before that has aged out of the ring. A request shorter than the "
					+ "observation threshold (flight-recorder.observations.threshold), or of a trace that was not "
					+ "sampled, is not recorded.</p></section>");
			return;
		}
		this.out.print("<p class='note'>" + observations.size() + " observation(s) of this trace in this recording"
				+ ((observations.size() >= RecordingScan.MAX_TRACED) ? " (the first " + RecordingScan.MAX_TRACED + ")"
						: "")
				+ ", each with the flame graphs of the thread that ended it, from its start to its end, and what "
				+ "that thread waited on.</p><table>" + OBSERVATION_HEADINGS);
		for (int i = 0; i < observations.size(); i++) {
			this.out.print("<tr class='traced'>");
			cells(observations.get(i), false);
			this.out.print("</tr><tr><td></td><td colspan='9'>");
			graphs("trace", i, graphs.get(i));
			this.out.print("</td></tr>");
		}
		this.out.print("</table></section>");
	}

	void slowestStart(int count) {
		this.out.print("<section id='slowest'><h2>Slowest observations</h2>");
		if (count == 0) {
			this.out.print("<p class='note'>None recorded: the recording holds no io.flightrecorder.Observation "
					+ "events.</p>");
			return;
		}
		this.out.print("<p class='note'>Each with the flame graphs of the thread that ended it, from its start to "
				+ "its end, and what that thread waited on.</p><table>" + OBSERVATION_HEADINGS);
	}

	void observation(int index, Observation observation, ObservationGraphs graphs) {
		this.out.print("<tr class='observation'>");
		cells(observation, false);
		this.out.print("</tr><tr><td></td><td colspan='9'><details id='observation-" + index
				+ "'><summary>Flame graphs of this request</summary>");
		graphs("observation", index, graphs);
		this.out.print("</details></td></tr>");
	}

	void slowestEnd(int count) {
		if (count > 0) {
			this.out.print("</table>");
		}
		sectionEnd();
	}

	/**
	 * Writes the table of observations that the search box filters, each trace ID a link to
	 * the page opened at that trace.
	 */
	void searchable(List<Observation> observations, int total) {
		if (observations.isEmpty()) {
			return;
		}
		this.out.print("<section id='observations'><h2>All observations</h2><p class='note'>"
				+ ((observations.size() < total) ? "The " + observations.size() + " slowest of " + total
						: observations.size())
				+ " observation(s), slowest first. A trace ID opens this page at that trace.</p>"
				+ "<input id='search' type='search' size='60' placeholder='Filter by trace ID, URI or name'>"
				+ "<table id='all-observations'>" + OBSERVATION_HEADINGS);
		for (Observation observation : observations) {
			this.out.print("<tr class='searchable'>");
			cells(observation, true);
			this.out.print("</tr>");
		}
		this.out.print("</table></section>");
	}

	private void cells(Observation observation, boolean linkTrace) {
		this.out.print("<td class='number'>" + millis(observation.duration()) + "</td>");
		for (String value : new String[] { observation.name(), observation.method(), observation.uri(),
				observation.status(), observation.error() }) {
			this.out.print("<td>" + Encode.forHtml((value != null) ? value : "") + "</td>");
		}
		String traceId = observation.traceId();
		this.out.print("<td class='trace-id'>");
		if (traceId != null && linkTrace) {
			this.out.print("<a href='?traceId=" + Encode.forUriComponent(traceId) + "'>" + Encode.forHtml(traceId)
					+ "</a>");
		}
		else if (traceId != null) {
			this.out.print(Encode.forHtml(traceId));
		}
		this.out.print("</td><td>" + Encode.forHtml(observation.thread()) + "</td><td>"
				+ observation.start().truncatedTo(ChronoUnit.MILLIS) + "</td>");
	}

	/**
	 * Writes an observation's wall-clock and CPU graphs and its longest waits.
	 */
	private void graphs(String kind, int index, ObservationGraphs graphs) {
		this.out.print("<h4>Wall clock</h4>");
		frame(kind + "-graph-" + index, FlameGraphs.html(graphs.wallClock()));
		this.out.print("<h4>CPU</h4>");
		frame(kind + "-cpu-graph-" + index, FlameGraphs.html(graphs.cpu()));
		List<Wait> waits = graphs.waits();
		this.out.print("<h4>Waits</h4>");
		if (waits.isEmpty()) {
			this.out.print("<p class='note'>No wait that JFR recorded (sleep, park, lock, I/O above its "
					+ "threshold).</p>");
			return;
		}
		this.out.print("<table class='waits'><tr><th>Duration</th><th>Wait</th><th>In</th><th>Started</th></tr>");
		for (Wait wait : waits) {
			this.out.print("<tr><td class='number'>" + millis(wait.duration()) + "</td><td>"
					+ Encode.forHtml(wait.event()) + "</td><td>" + Encode.forHtml(wait.frame()) + "</td><td>"
					+ wait.start().truncatedTo(ChronoUnit.MILLIS) + "</td></tr>");
		}
		this.out.print("</table>");
	}

	void timeline(String svg, int gcPauses, int cpuLoads, int fired) {
		this.out.print("<section id='timeline'><h2>GC pauses and CPU load</h2><p class='note'>Red bars: "
				+ gcPauses + " GC pause(s), height against the longest (hover for each). Blue: this JVM's CPU load; "
				+ "grey: the machine's (" + cpuLoads + " samples)."
				+ ((fired > 0) ? " Orange: the " + fired + " event(s) that fired event triggers." : "") + "</p>" + svg
				+ "</section>");
	}

	void end() {
		this.out.print("<script>" + SHOW_FRAMES + SEARCH + "</script></body></html>");
	}

	private void frame(String id, String page) {
		this.out.print("<iframe id='" + id + "' sandbox='allow-scripts' data-page=\"" + Encode.forHtml(page) + "\"></iframe>");
	}

	private void term(String term, String value) {
		this.out.print("<dt>" + term + "</dt><dd>" + Encode.forHtml(value) + "</dd>");
	}

	private void paragraph(@Nullable String text) {
		if (text != null) {
			this.out.print("<p>" + Encode.forHtml(text) + "</p>");
		}
	}

	private static String millis(Duration duration) {
		return String.format(Locale.ROOT, "%.1f ms", duration.toNanos() / 1e6);
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toNanos() / 1e9);
	}



}

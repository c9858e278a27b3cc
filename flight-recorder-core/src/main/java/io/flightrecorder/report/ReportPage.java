package io.flightrecorder.report;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import io.flightrecorder.report.Findings.Finding;
import io.flightrecorder.report.RecordingScan.Observation;
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

	void slowestStart(int count) {
		this.out.print("<section id='slowest'><h2>Slowest observations</h2>");
		if (count == 0) {
			this.out.print("<p class='note'>None recorded: the recording holds no io.flightrecorder.Observation "
					+ "events.</p>");
			return;
		}
		this.out.print("<p class='note'>Each with a wall-clock flame graph of the thread that ended it, from its "
				+ "start to its end.</p><table><tr><th>Duration</th><th>Name</th><th>Method</th><th>URI</th>"
				+ "<th>Status</th><th>Error</th><th>Trace id</th><th>Thread</th><th>Started</th></tr>");
	}

	void observation(int index, Observation observation, String graph) {
		this.out.print("<tr class='observation'><td class='number'>" + millis(observation.duration()) + "</td>");
		for (String value : new String[] { observation.name(), observation.method(), observation.uri(),
				observation.status(), observation.error(), observation.traceId(), observation.thread(),
				observation.start().truncatedTo(ChronoUnit.MILLIS).toString() }) {
			this.out.print("<td>" + Encode.forHtml((value != null) ? value : "") + "</td>");
		}
		this.out.print("</tr><tr><td></td><td colspan='8'><details id='observation-" + index
				+ "'><summary>Flame graph of this request</summary>");
		frame("observation-graph-" + index, graph);
		this.out.print("</details></td></tr>");
	}

	void slowestEnd(int count) {
		if (count > 0) {
			this.out.print("</table>");
		}
		sectionEnd();
	}

	void timeline(String svg, int gcPauses, int cpuLoads) {
		this.out.print("<section id='timeline'><h2>GC pauses and CPU load</h2><p class='note'>Red bars: "
				+ gcPauses + " GC pause(s), height against the longest (hover for each). Blue: this JVM's CPU load; "
				+ "grey: the machine's (" + cpuLoads + " samples).</p>" + svg + "</section>");
	}

	void end() {
		this.out.print("<script>" + SHOW_FRAMES + "</script></body></html>");
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

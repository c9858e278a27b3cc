package io.flightrecorder.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.flightrecorder.report.RecordingScan.CpuLoad;
import io.flightrecorder.report.RecordingScan.FiredTrigger;
import io.flightrecorder.report.RecordingScan.GcPause;
import org.owasp.encoder.Encode;

/**
 * GC pauses, CPU load and the events that fired event triggers over the recording's time
 * span, as an SVG chart drawn on the server: CPU load as two lines (the JVM, the whole
 * machine) against 0-100 %, each GC pause as a bar whose height is its pause against the
 * longest, and each firing event as a band over the whole height from its start to its end.
 */
final class Timeline {

	static final int WIDTH = 960;

	static final int HEIGHT = 200;

	private static final int MARGIN = 30;

	private Timeline() {
	}

	static String svg(Instant first, Instant last, List<CpuLoad> cpuLoad, List<GcPause> gcPauses,
			List<FiredTrigger> fired) {
		double span = Math.max(1, Duration.between(first, last).toNanos());
		double plotWidth = WIDTH - 2 * MARGIN;
		double plotHeight = HEIGHT - 2 * MARGIN;
		StringBuilder svg = new StringBuilder();
		svg.append(format("<svg id='timeline-chart' xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' "
				+ "viewBox='0 0 %d %d' role='img'>", WIDTH, HEIGHT, WIDTH, HEIGHT));
		svg.append(format("<rect x='%d' y='%d' width='%.0f' height='%.0f' fill='none' stroke='#999'/>", MARGIN,
				MARGIN, plotWidth, plotHeight));
		svg.append(format("<text x='2' y='%d' font-size='11'>100%%</text>", MARGIN + 4));
		svg.append(format("<text x='12' y='%d' font-size='11'>0%%</text>", HEIGHT - MARGIN));
		svg.append(format("<text x='%d' y='%d' font-size='11'>0 s</text>", MARGIN, HEIGHT - 10));
		svg.append(format("<text x='%d' y='%d' font-size='11' text-anchor='end'>%.1f s</text>", WIDTH - MARGIN,
				HEIGHT - 10, span / 1e9));
		for (FiredTrigger trigger : fired) {
			double x = MARGIN + plotWidth * Math.max(0, Duration.between(first, trigger.start()).toNanos()) / span;
			double width = Math.max(2, plotWidth * trigger.duration().toNanos() / span);
			svg.append(format("<rect class='event-trigger' x='%.1f' y='%d' width='%.1f' height='%.0f' fill='#ff7f0e' "
					+ "fill-opacity='0.4'>", x, MARGIN, Math.min(width, MARGIN + plotWidth - x), plotHeight));
			svg.append("<title>").append(Encode.forHtml(trigger.rule() + ": " + trigger.event() + " " + trigger.value()));
			svg.append("</title></rect>");
		}
		long longest = gcPauses.stream().mapToLong((pause) -> pause.pause().toNanos()).max().orElse(1);
		for (GcPause pause : gcPauses) {
			double x = MARGIN + plotWidth * Duration.between(first, pause.start()).toNanos() / span;
			double height = Math.max(2, plotHeight * pause.pause().toNanos() / Math.max(1, longest));
			svg.append(format("<rect class='gc-pause' x='%.1f' y='%.1f' width='3' height='%.1f' fill='#d62728'>",
					x, MARGIN + plotHeight - height, height));
			svg.append("<title>").append(Encode.forHtml(pause.name())).append(": ");
			svg.append(format("%.1f ms pause</title></rect>", pause.pause().toNanos() / 1e6));
		}
		svg.append(line(cpuLoad, first, span, plotWidth, plotHeight, true, "#888", "machine"));
		svg.append(line(cpuLoad, first, span, plotWidth, plotHeight, false, "#1f77b4", "jvm"));
		svg.append("</svg>");
		return svg.toString();
	}

	private static String line(List<CpuLoad> cpuLoad, Instant first, double span, double plotWidth,
			double plotHeight, boolean machine, String color, String name) {
		StringBuilder points = new StringBuilder();
		for (CpuLoad load : cpuLoad) {
			double x = MARGIN + plotWidth * Duration.between(first, load.time()).toNanos() / span;
			double y = MARGIN + plotHeight * (1 - Math.min(1, machine ? load.machine() : load.jvm()));
			points.append(format("%.1f,%.1f ", x, y));
		}
		return format("<polyline class='cpu-%s' fill='none' stroke='%s' stroke-width='1.5' points='%s'/>", name,
				color, points.toString().trim());
	}

	private static String format(String format, Object... values) {
		return String.format(Locale.ROOT, format, values);
	}

}

package io.flightrecorder.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import one.convert.Arguments;
import one.convert.CallStack;
import one.convert.FlameGraph;
import one.convert.Frame;
import one.convert.JfrToFlame;
import one.jfr.JfrReader;

/**
 * Flame graphs as async-profiler's converter writes them: each a self-contained HTML page
 * that draws on a canvas with an inline script.
 */
final class FlameGraphs {

	/**
	 * Allocation samples, weighed by the bytes they stand for.
	 */
	static final List<String> ALLOCATION = List.of("--alloc", "--total");

	/**
	 * Contended monitor enters and thread parks, weighed by the time they took.
	 */
	static final List<String> LOCKS = List.of("--lock", "--total");

	private FlameGraphs() {
	}

	/**
	 * Converts a recording with the converter's own reader.
	 * @param recording the {@code .jfr} file
	 * @param title the graph's title, written into the page as is
	 * @param options the converter's options, such as {@link #ALLOCATION}
	 * @return the page
	 * @throws IOException if the file cannot be read
	 */
	static String convert(Path recording, String title, List<String> options) throws IOException {
		try (JfrReader reader = new JfrReader(recording.toString())) {
			JfrToFlame converter = new JfrToFlame(reader, arguments(title, options));
			converter.convert();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			converter.dump(out);
			return out.toString(StandardCharsets.UTF_8);
		}
	}

	/**
	 * Returns an empty graph whose values are samples.
	 * @param title the graph's title, written into the page as is
	 * @return the graph
	 */
	static FlameGraph samples(String title) {
		return new FlameGraph(arguments(title, List.of()));
	}

	/**
	 * Returns an empty graph whose values are nanoseconds.
	 * @param title the graph's title, written into the page as is
	 * @return the graph
	 */
	static FlameGraph nanoseconds(String title) {
		// the converter names the unit after its options: --lock --total is "ns"
		return new FlameGraph(arguments(title, LOCKS));
	}

	/**
	 * Adds a JFR stack trace, outermost frame first, as the converter does.
	 * @param graph the graph
	 * @param stackTrace the stack trace
	 * @param value the value of the sample
	 * @param stack a stack to reuse, cleared after
	 */
	static void add(FlameGraph graph, RecordedStackTrace stackTrace, long value, CallStack stack) {
		List<RecordedFrame> frames = stackTrace.getFrames();
		for (int i = frames.size() - 1; i >= 0; i--) {
			RecordedFrame frame = frames.get(i);
			stack.push(frame.getMethod().getType().getName() + "." + frame.getMethod().getName(), type(frame));
		}
		graph.addSample(stack, value);
		stack.clear();
	}

	static String html(FlameGraph graph) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			graph.dump(out);
		}
		catch (IOException ex) {
			throw new IllegalStateException("A byte array cannot fail", ex);
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	private static byte type(RecordedFrame frame) {
		return switch (frame.getType()) {
			case "Interpreted" -> Frame.TYPE_INTERPRETED;
			case "Inlined" -> Frame.TYPE_INLINED;
			case "Native" -> Frame.TYPE_NATIVE;
			default -> Frame.TYPE_JIT_COMPILED;
		};
	}

	/**
	 * Returns the converter's arguments for the given options and title, with class names
	 * dotted as Java writes them (and as {@code jdk.jfr.consumer} gives them), and stacks
	 * reversed: the methods that spent the time are the first row under the root, their
	 * callers below, so that the top of the frame answers the question without scrolling
	 * past a hundred frames of a web server's stack.
	 */
	private static Arguments arguments(String title, List<String> options) {
		String[] all = options.toArray(new String[options.size() + 4]);
		all[options.size()] = "--dot";
		all[options.size() + 1] = "--reverse";
		all[options.size() + 2] = "--title";
		all[options.size() + 3] = title;
		return new Arguments(all);
	}

}

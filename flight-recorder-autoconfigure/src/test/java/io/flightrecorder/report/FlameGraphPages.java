package io.flightrecorder.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the frame names out of a flame graph page as async-profiler's converter writes it:
 * one quoted string per line after {@code const cpool = [}, each beginning with a character
 * that says how much of the previous name it shares.
 */
final class FlameGraphPages {

	private FlameGraphPages() {
	}

	static List<String> frames(String page) {
		int start = page.indexOf("const cpool = [");
		int end = page.indexOf("\n];", start);
		if (start < 0 || end < 0) {
			throw new AssertionError("Not a flame graph page");
		}
		List<String> names = new ArrayList<>();
		String previous = "";
		for (String line : page.substring(page.indexOf('\n', start) + 1, end).split("\n")) {
			String quoted = line.endsWith(",") ? line.substring(0, line.length() - 1) : line;
			String packed = quoted.substring(1, quoted.length() - 1).replace("\\'", "'").replace("\\\\", "\\");
			String name = names.isEmpty() ? packed
					: previous.substring(0, packed.charAt(0) - ' ') + packed.substring(1);
			names.add(name);
			previous = name;
		}
		return names;
	}

}

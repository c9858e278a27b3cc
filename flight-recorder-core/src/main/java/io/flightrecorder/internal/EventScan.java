package io.flightrecorder.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import jdk.jfr.consumer.EventStream;

/**
 * Looks for events of given types in a recording file, as redaction must before a recording
 * leaves the process.
 */
public final class EventScan {

	private EventScan() {
	}

	/**
	 * Returns whether a recording file holds an event of one of the given types. Only those
	 * types are parsed; the scan ends at the first one found.
	 */
	public static boolean containsAny(Path file, Set<String> events) throws IOException {
		AtomicBoolean found = new AtomicBoolean();
		try (EventStream stream = EventStream.openFile(file)) {
			for (String event : events) {
				stream.onEvent(event, (recorded) -> {
					found.set(true);
					stream.close();
				});
			}
			stream.start();
		}
		return found.get();
	}

}

package io.flightrecorder.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import io.flightrecorder.dump.DumpListener;
import io.flightrecorder.dump.DumpTriggers;
import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.report.RecordingReport;
import io.flightrecorder.report.ReportSubject;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import static org.awaitility.Awaitility.await;

/**
 * A recorder with dump triggers and event rules, as an application runs them, and the dumps
 * they write: for the tests that make a condition happen and wait for its dump. Each rule
 * writes one dump unless given a cooldown (by default an hour); dumps follow each other
 * without a global cooldown.
 */
final class EventTriggerHarness implements AutoCloseable {

	final FlightRecorder recorder;

	final DumpTriggers triggers;

	final EventTriggers events;

	final List<SavedDump> written = new CopyOnWriteArrayList<>();

	private final Set<String> fired = ConcurrentHashMap.newKeySet();

	private final Path directory;

	/**
	 * Starts a recorder with the rules, and returns once the event stream reads: it sees
	 * only what JFR flushes after it opened, and the conditions of the tests happen once.
	 */
	EventTriggerHarness(Path directory, EventRule... rules) {
		this(directory, Duration.ofHours(1), rules);
	}

	/**
	 * Starts a recorder with the rules, each with the given cooldown.
	 */
	EventTriggerHarness(Path directory, Duration cooldown, EventRule... rules) {
		this.directory = directory;
		List<EventRule> all = new ArrayList<>(List.of(rules));
		all.add(EventThreshold.of("stream-open", StreamProbe.class.getName(), null, null));
		this.recorder = new FlightRecorder(
				FlightRecorderConfig.builder().requiredEvents(EventTriggers.requiredEvents(all)).build());
		this.recorder.start();
		this.triggers = new DumpTriggers(this.recorder,
				new SavedDumps(directory, "test", 100, Long.MAX_VALUE, 1024 * 1024), Duration.ZERO, Duration.ZERO);
		this.triggers.addListener(new DumpListener() {

			@Override
			public void fired(String trigger) {
				EventTriggerHarness.this.fired.add(trigger);
			}

			@Override
			public void written(SavedDump dump) {
				EventTriggerHarness.this.written.add(dump);
			}

		});
		Map<EventRule, Duration> cooldowns = new LinkedHashMap<>();
		all.forEach((rule) -> cooldowns.put(rule, cooldown));
		this.events = new EventTriggers(this.triggers, cooldowns);
		this.events.start();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			new StreamProbe().commit();
			return this.fired.contains("event-stream-open");
		});
		awaitDump("stream-open");
	}

	/**
	 * Waits for the dump of a rule, and returns it.
	 */
	SavedDump awaitDump(String rule) {
		await().atMost(Duration.ofSeconds(30)).until(() -> dump(rule).isPresent());
		return dump(rule).orElseThrow();
	}

	Optional<SavedDump> dump(String rule) {
		return this.written.stream().filter((dump) -> dump.trigger().equals("event-" + rule)).findFirst();
	}

	/**
	 * Returns the events of a dump that match.
	 */
	List<RecordedEvent> events(SavedDump dump, Predicate<RecordedEvent> matching) throws IOException {
		return RecordingFile.readAllEvents(this.directory.resolve(dump.name())).stream().filter(matching).toList();
	}

	/**
	 * Returns the {@code io.flightrecorder.EventTrigger} event of the firing that wrote a dump:
	 * of its rule, with the value its reason gives (the dump also holds the events of firings
	 * before it).
	 */
	RecordedEvent triggerEvent(SavedDump dump) throws IOException {
		String rule = dump.trigger().substring("event-".length());
		return events(dump, (event) -> event.getEventType().getName().equals("io.flightrecorder.EventTrigger")
				&& event.getString("rule").equals(rule) && dump.reason().contains(event.getString("value"))).get(0);
	}

	/**
	 * An event that tells the harness that the stream reads.
	 */
	static final class StreamProbe extends jdk.jfr.Event {

	}

	/**
	 * Returns the report page of a dump, built as the endpoint builds it.
	 */
	String report(SavedDump dump) throws IOException {
		ByteArrayOutputStream page = new ByteArrayOutputStream();
		try (RecordingReport report = new RecordingReport(); RecordingReport.Permit permit = report.start()) {
			permit.write(this.directory.resolve(dump.name()), new ReportSubject("test", ReportSubject.localInstance(),
					dump.name(), dump.name(), dump.trigger(), dump.reason(), null, null), page);
		}
		return page.toString(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.events.close();
		this.triggers.close();
		this.recorder.stop();
	}

}

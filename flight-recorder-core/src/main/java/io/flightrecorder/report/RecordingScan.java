package io.flightrecorder.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;

import io.flightrecorder.dump.TraceId;
import io.flightrecorder.dump.TraceIndex;
import io.flightrecorder.events.EventTriggers;
import io.flightrecorder.internal.Durations;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.jspecify.annotations.Nullable;

/**
 * What one pass over a recording finds for the report's header, its observations and its
 * timeline: the time span, the slowest {@code io.flightrecorder.Observation} events (up to a
 * bound), those of one trace, the event triggers that fired, GC pauses, CPU load, and the
 * execution sampling period. Only
 * the slowest observations, and at most {@value #MAX_TRACED} of the trace, are kept, so memory
 * does not grow with the recording.
 */
final class RecordingScan {

	static final String OBSERVATION = TraceIndex.OBSERVATION;

	/**
	 * The most observations of one trace kept.
	 */
	static final int MAX_TRACED = 100;

	static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";

	/**
	 * The most event trigger firings kept, the newest, besides the one that wrote the dump.
	 */
	static final int MAX_FIRED = 20;

	/**
	 * The period of {@code jdk.ExecutionSample} in JFR's {@code default} settings, for a
	 * recording that does not say its own.
	 */
	private static final Duration DEFAULT_SAMPLE_PERIOD = Duration.ofMillis(20);

	/**
	 * What the page shows for a string the recording does not hold.
	 */
	static final String MISSING = "(not recorded)";

	private final PriorityQueue<Observation> slowest = new PriorityQueue<>(Comparator.comparing(Observation::duration));

	private final int keep;

	private final @Nullable TraceId trace;

	private final List<Observation> traced = new ArrayList<>();

	private int observations;

	private final List<GcPause> gcPauses = new ArrayList<>();

	private final List<CpuLoad> cpuLoad = new ArrayList<>();

	private final Deque<FiredTrigger> fired = new ArrayDeque<>();

	private final @Nullable String dumpReason;

	/**
	 * The firing that wrote the dump, kept however many fired after it.
	 */
	private @Nullable FiredTrigger wrote;

	private @Nullable Instant first;

	private @Nullable Instant last;

	private Duration samplePeriod = DEFAULT_SAMPLE_PERIOD;

	private RecordingScan(int keep, @Nullable TraceId trace, @Nullable String dumpReason) {
		this.keep = keep;
		this.trace = trace;
		this.dumpReason = dumpReason;
	}

	/**
	 * Reads a recording once.
	 * @param recording the {@code .jfr} file
	 * @param slowest how many of the slowest observations to keep
	 * @param trace the trace whose observations to keep, or {@code null}
	 * @param guard checked at each event
	 * @return what was found
	 * @throws IOException if the file cannot be read as a recording
	 */
	static RecordingScan scan(Path recording, int slowest, @Nullable TraceId trace, @Nullable String dumpReason,
			ReportGuard guard)
			throws IOException {
		RecordingScan scan = new RecordingScan(slowest, trace, dumpReason);
		try (RecordingFile file = new RecordingFile(recording)) {
			long executionSample = file.readEventTypes()
				.stream()
				.filter((type) -> type.getName().equals(EXECUTION_SAMPLE))
				.mapToLong(EventType::getId)
				.findFirst()
				.orElse(-1);
			while (file.hasMoreEvents()) {
				guard.check();
				scan.add(file.readEvent(), executionSample);
			}
		}
		return scan;
	}

	private void add(RecordedEvent event, long executionSample) {
		Instant start = event.getStartTime();
		Instant end = event.getEndTime();
		if (this.first == null || start.isBefore(this.first)) {
			this.first = start;
		}
		if (this.last == null || end.isAfter(this.last)) {
			this.last = end;
		}
		switch (event.getEventType().getName()) {
			case OBSERVATION -> addObservation(event);
			case "jdk.GarbageCollection" -> this.gcPauses.add(new GcPause(start,
					event.getDuration("sumOfPauses"), orMissing(event.getString("name"))));
			case EventTriggers.TRIGGER_EVENT -> addFired(event);
			case "jdk.CPULoad" -> this.cpuLoad.add(new CpuLoad(start,
					event.getFloat("jvmUser") + event.getFloat("jvmSystem"), event.getFloat("machineTotal")));
			case "jdk.ActiveSetting" -> {
				if (event.getLong("id") == executionSample && "period".equals(event.getString("name"))) {
					this.samplePeriod = period(event.getString("value"));
				}
			}
			default -> {
			}
		}
	}

	private void addObservation(RecordedEvent event) {
		RecordedThread thread = event.getThread();
		if (thread == null) {
			return;
		}
		Observation observation = new Observation(orMissing(string(event, "name")), string(event, "method"),
				string(event, "uri"), string(event, "status"), string(event, "error"), string(event, "traceId"),
				string(event, "spanId"), event.getStartTime(), event.getEndTime(), thread.getJavaThreadId(),
				orMissing(thread.getJavaName()));
		this.observations++;
		this.slowest.add(observation);
		if (this.slowest.size() > this.keep) {
			this.slowest.poll();
		}
		if (this.trace != null && observation.traceId() != null && this.trace.matches(observation.traceId())
				&& this.traced.size() < MAX_TRACED) {
			this.traced.add(observation);
		}
	}

	private void addFired(RecordedEvent event) {
		FiredTrigger trigger = new FiredTrigger(orMissing(string(event, "rule")), orMissing(string(event, "event")),
				orMissing(string(event, "value")), string(event, "thread"), event.getInstant("eventStart"),
				event.getDuration("eventDuration"), string(event, "stack"), event.getStartTime());
		if (this.wrote == null && trigger.wrote(this.dumpReason)) {
			this.wrote = trigger;
			return;
		}
		this.fired.addLast(trigger);
		if (this.fired.size() > MAX_FIRED) {
			this.fired.removeFirst();
		}
	}

	/**
	 * Returns a string field of an event, or {@code null} when the event has no such field: a
	 * recording made by another version of the starter may have fewer.
	 */
	private static @Nullable String string(RecordedEvent event, String field) {
		return event.hasField(field) ? event.getString(field) : null;
	}

	/**
	 * Returns a string the recording holds, or what the page says when it holds none: never
	 * the word {@code null}.
	 */
	private static String orMissing(@Nullable String value) {
		return (value != null) ? value : MISSING;
	}

	private static Duration period(@Nullable String value) {
		try {
			return Durations.parse(String.valueOf(value));
		}
		catch (IllegalArgumentException ex) {
			return DEFAULT_SAMPLE_PERIOD;
		}
	}

	/**
	 * Returns the observations of the trace, in the order recorded.
	 */
	List<Observation> traced() {
		return this.traced;
	}

	/**
	 * Returns how many observations the recording holds.
	 */
	int observationCount() {
		return this.observations;
	}

	/**
	 * Returns the slowest observations, slowest first.
	 */
	List<Observation> slowestObservations() {
		List<Observation> sorted = new ArrayList<>(this.slowest);
		sorted.sort(Comparator.comparing(Observation::duration).reversed());
		return sorted;
	}

	/**
	 * Returns the event trigger firings: the one that wrote the dump first, if the recording
	 * holds it, then the newest of the others, newest first.
	 */
	List<FiredTrigger> fired() {
		List<FiredTrigger> ordered = new ArrayList<>(this.fired);
		Collections.reverse(ordered);
		if (this.wrote != null) {
			ordered.add(0, this.wrote);
		}
		return ordered;
	}

	/**
	 * Returns whether the first of {@link #fired()} is the firing that wrote the dump.
	 */
	boolean firstWroteDump() {
		return this.wrote != null;
	}

	List<GcPause> gcPauses() {
		return this.gcPauses;
	}

	List<CpuLoad> cpuLoad() {
		return this.cpuLoad;
	}

	/**
	 * Returns the time of the first event, or {@code null} for a recording without events.
	 */
	@Nullable Instant first() {
		return this.first;
	}

	/**
	 * Returns the end of the last event, or {@code null} for a recording without events.
	 */
	@Nullable Instant last() {
		return this.last;
	}

	/**
	 * Returns the period of execution samples the recording was made with; 20 ms if it does
	 * not say.
	 */
	Duration samplePeriod() {
		return this.samplePeriod;
	}

	/**
	 * An observation, such as an HTTP request, and the thread that ended it.
	 *
	 * @param name the observation's name, such as {@code http.server.requests}
	 * @param method the HTTP method, or {@code null}
	 * @param uri the URI template, or {@code null}
	 * @param status the HTTP status, or {@code null}
	 * @param error the class of the error it ended with, or {@code null}
	 * @param traceId the trace it belongs to, or {@code null}
	 * @param spanId its span in the trace, or {@code null}
	 * @param start when it started
	 * @param end when it ended
	 * @param threadId the Java id of the thread that ended it
	 * @param thread that thread's name
	 */
	record Observation(String name, @Nullable String method, @Nullable String uri, @Nullable String status,
			@Nullable String error, @Nullable String traceId, @Nullable String spanId, Instant start, Instant end,
			long threadId, String thread) {

		Duration duration() {
			return Duration.between(this.start, this.end);
		}

	}

	/**
	 * An event trigger that fired, and the event it fired on.
	 *
	 * @param rule the rule's name, such as {@code gc-pause}
	 * @param event the event's name
	 * @param value what was above the rule's threshold
	 * @param thread the event's thread, or {@code null}
	 * @param start when the event started
	 * @param duration how long it lasted
	 * @param stack the event's stack as text, or {@code null}
	 * @param firedAt when the trigger fired
	 */
	record FiredTrigger(String rule, String event, String value, @Nullable String thread, Instant start,
			Duration duration, @Nullable String stack, Instant firedAt) {

		/**
		 * Returns whether this firing wrote the dump saved with the given reason: the
		 * reason names its event, its value and its start, as an event trigger writes it.
		 */
		boolean wrote(@Nullable String dumpReason) {
			return dumpReason != null && dumpReason.startsWith(this.event + " " + this.value + " ")
					&& dumpReason.endsWith(" at " + this.start.truncatedTo(ChronoUnit.MILLIS));
		}

	}

	/**
	 * A garbage collection.
	 *
	 * @param start when it started
	 * @param pause how long it paused the application in all
	 * @param name the collector's name for it
	 */
	record GcPause(Instant start, Duration pause, String name) {

	}

	/**
	 * CPU load at one time, each from 0 to 1.
	 *
	 * @param time when it was measured
	 * @param jvm this JVM's user and system load
	 * @param machine the whole machine's load
	 */
	record CpuLoad(Instant time, double jvm, double machine) {

	}

}

package io.flightrecorder.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

import io.flightrecorder.report.RecordingScan.Observation;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import one.convert.CallStack;
import one.convert.FlameGraph;

/**
 * The flame graphs built from one pass over the threads' samples and waits:
 * <ul>
 * <li>CPU: execution samples of running Java code ({@code jdk.ExecutionSample}) only, in
 * samples. async-profiler's converter reads JFR's samples of native code
 * ({@code jdk.NativeMethodSample}) as CPU samples too, which would show threads idle in
 * {@code epoll_wait} as busy.</li>
 * <li>Wall clock: where the threads' time went, running or not. Execution samples of Java
 * and native code, each worth one sampling period, and the events of a thread that waits
 * (sleep, park, monitor enter and wait, socket and file I/O), each worth its duration, in
 * nanoseconds. A JDK recording has no samples of waiting threads, so the waits come from
 * their events, which JFR records above a threshold (20 ms in its {@code default}
 * settings): shorter waits are missing.</li>
 * <li>Per observation, from the events of the thread that ended it, inside its start and
 * end: the wall clock and CPU graphs, and its longest waits. An observation that moved
 * between threads (a reactive request) shows only the part on that thread.</li>
 * </ul>
 */
final class ThreadTimeGraphs {

	private static final Set<String> SAMPLES = Set.of(RecordingScan.EXECUTION_SAMPLE, "jdk.NativeMethodSample");

	private static final Set<String> WAITS = Set.of("jdk.ThreadSleep", "jdk.ThreadPark", "jdk.JavaMonitorEnter",
			"jdk.JavaMonitorWait", "jdk.SocketRead", "jdk.SocketWrite", "jdk.FileRead", "jdk.FileWrite");

	private final FlameGraph cpu = FlameGraphs.samples("CPU");

	private final FlameGraph wallClock = FlameGraphs.nanoseconds("Wall clock");

	/**
	 * The most waits kept per observation, the longest.
	 */
	static final int MAX_WAITS = 10;

	private static final Comparator<Wait> WAIT_ORDER = Comparator.comparing(Wait::duration);

	private final List<ObservationGraphs> observations = new ArrayList<>();

	private final Map<Long, List<Integer>> observationsByThread = new HashMap<>();

	private final List<Observation> observed;

	private final long samplePeriod;

	private final CallStack stack = new CallStack();

	private ThreadTimeGraphs(List<Observation> observed, Duration samplePeriod) {
		this.observed = observed;
		this.samplePeriod = samplePeriod.toNanos();
		for (int i = 0; i < observed.size(); i++) {
			this.observations.add(new ObservationGraphs(FlameGraphs.nanoseconds("Wall clock: this request's thread"),
					FlameGraphs.samples("CPU: this request's thread"), new PriorityQueue<>(WAIT_ORDER)));
			this.observationsByThread.computeIfAbsent(observed.get(i).threadId(), (id) -> new ArrayList<>()).add(i);
		}
	}

	/**
	 * Reads a recording once.
	 * @param recording the {@code .jfr} file
	 * @param observations the observations to make a graph of each
	 * @param samplePeriod the recording's execution sampling period
	 * @param guard checked at each event
	 * @return the graphs
	 * @throws IOException if the file cannot be read as a recording
	 */
	static ThreadTimeGraphs of(Path recording, List<Observation> observations, Duration samplePeriod,
			ReportGuard guard) throws IOException {
		ThreadTimeGraphs graphs = new ThreadTimeGraphs(observations, samplePeriod);
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				guard.check();
				graphs.add(file.readEvent());
			}
		}
		return graphs;
	}

	private void add(RecordedEvent event) {
		String name = event.getEventType().getName();
		boolean sample = SAMPLES.contains(name);
		if (!sample && !WAITS.contains(name)) {
			return;
		}
		RecordedStackTrace stackTrace = event.getStackTrace();
		RecordedThread thread = sample ? event.getThread("sampledThread") : event.getThread();
		if (stackTrace == null || thread == null) {
			return;
		}
		Instant start = event.getStartTime();
		Instant end = sample ? start : event.getEndTime();
		if (name.equals(RecordingScan.EXECUTION_SAMPLE)) {
			FlameGraphs.add(this.cpu, stackTrace, 1, this.stack);
		}
		FlameGraphs.add(this.wallClock, stackTrace,
				sample ? this.samplePeriod : Duration.between(start, end).toNanos(), this.stack);
		for (int index : this.observationsByThread.getOrDefault(thread.getJavaThreadId(), List.of())) {
			Observation observation = this.observed.get(index);
			Instant from = start.isAfter(observation.start()) ? start : observation.start();
			Instant to = end.isBefore(observation.end()) ? end : observation.end();
			if (!from.isAfter(to)) {
				ObservationGraphs graphs = this.observations.get(index);
				FlameGraphs.add(graphs.wallClock(), stackTrace,
						sample ? this.samplePeriod : Duration.between(from, to).toNanos(), this.stack);
				if (name.equals(RecordingScan.EXECUTION_SAMPLE)) {
					FlameGraphs.add(graphs.cpu(), stackTrace, 1, this.stack);
				}
				if (!sample) {
					graphs.addWait(new Wait(event.getEventType().getLabel(), Duration.between(from, to), from,
							topFrame(stackTrace)));
				}
			}
		}
	}

	/**
	 * Returns the CPU graph of all threads.
	 */
	FlameGraph cpu() {
		return this.cpu;
	}

	/**
	 * Returns the wall-clock graph of all threads.
	 */
	FlameGraph wallClock() {
		return this.wallClock;
	}

	/**
	 * Returns the graphs of each observation, in the order given.
	 */
	List<ObservationGraphs> observations() {
		return this.observations;
	}

	private static String topFrame(RecordedStackTrace stackTrace) {
		return stackTrace.getFrames()
			.stream()
			.filter(RecordedFrame::isJavaFrame)
			.findFirst()
			.map((frame) -> frame.getMethod().getType().getName() + "." + frame.getMethod().getName())
			.orElse(RecordingScan.MISSING);
	}

	/**
	 * What an observation's thread did during it.
	 *
	 * @param wallClock where its time went, running or not
	 * @param cpu where it ran Java code, in samples
	 * @param longestWaits its longest waits, the shortest at the head
	 */
	record ObservationGraphs(FlameGraph wallClock, FlameGraph cpu, PriorityQueue<Wait> longestWaits) {

		void addWait(Wait wait) {
			this.longestWaits.add(wait);
			if (this.longestWaits.size() > MAX_WAITS) {
				this.longestWaits.poll();
			}
		}

		/**
		 * Returns the longest waits, longest first.
		 */
		List<Wait> waits() {
			List<Wait> waits = new ArrayList<>(this.longestWaits);
			waits.sort(WAIT_ORDER.reversed());
			return waits;
		}

	}

	/**
	 * A wait of an observation's thread, inside the observation.
	 *
	 * @param event what JFR calls the wait, such as {@code Java Thread Sleep}
	 * @param duration how long of it fell inside the observation
	 * @param start when that began
	 * @param frame the Java method it waited in
	 */
	record Wait(String event, Duration duration, Instant start, String frame) {

	}

}

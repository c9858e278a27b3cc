package io.flightrecorder.benchmarks;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import io.flightrecorder.dump.TraceIndex;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A steady load of requests, each an observation event with a trace ID of its own, as the
 * starter's Micrometer handler commits them: in 10 ms steps, from a daemon thread.
 */
final class TracedRequests implements AutoCloseable {

	private final Thread thread;

	private volatile String latest = "";

	private volatile boolean running = true;

	TracedRequests(int perSecond) {
		this.thread = new Thread(() -> run(perSecond), "benchmark-requests");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Returns the trace of the last request committed.
	 */
	String latest() {
		return this.latest;
	}

	private void run(int perSecond) {
		long next = System.nanoTime();
		int perStep = Math.max(1, perSecond / 100);
		while (this.running) {
			for (int i = 0; i < perStep; i++) {
				ObservationEvent event = new ObservationEvent();
				event.begin();
				event.name = "http.server.requests";
				event.method = "GET";
				event.uri = "/orders/{id}";
				event.traceId = hex() + hex();
				event.spanId = hex();
				event.commit();
				this.latest = event.traceId;
			}
			next += 10_000_000L;
			LockSupport.parkNanos(next - System.nanoTime());
		}
	}

	private static String hex() {
		return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join();
	}

	/**
	 * The fields of the starter's observation event that the trace index reads.
	 */
	@Name(TraceIndex.OBSERVATION)
	@StackTrace(false)
	static class ObservationEvent extends Event {

		String name;

		String method;

		String uri;

		String traceId;

		String spanId;

	}

}

package io.flightrecorder.benchmarks;

import java.util.concurrent.locks.LockSupport;

import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A steady load: commits distinct events at a given byte rate, in 10 ms steps, from a daemon
 * thread.
 */
final class Load implements AutoCloseable {

	private static final int PAYLOAD = 512;

	private final Thread thread;

	private volatile boolean running = true;

	Load(long bytesPerSecond) {
		this.thread = new Thread(() -> run(bytesPerSecond), "benchmark-load");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void run(long bytesPerSecond) {
		String payload = "p".repeat(PAYLOAD);
		long perStep = Math.max(1, bytesPerSecond / 100 / PAYLOAD);
		long sequence = 0;
		long next = System.nanoTime();
		while (this.running) {
			for (int i = 0; i < perStep; i++) {
				LoadEvent event = new LoadEvent();
				event.payload = (sequence++) + payload;
				event.commit();
			}
			next += 10_000_000L;
			LockSupport.parkNanos(next - System.nanoTime());
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join();
	}

	@Name("io.flightrecorder.benchmarks.Load")
	@Label("Load")
	static class LoadEvent extends Event {

		@Label("Payload")
		String payload;

	}

}

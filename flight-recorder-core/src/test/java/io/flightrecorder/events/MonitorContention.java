package io.flightrecorder.events;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * A real monitor wait, as {@code synchronized} contention makes one: a thread holds a monitor
 * for a time while another waits to enter it, which JFR records as
 * {@code jdk.JavaMonitorEnter} in the waiting thread.
 */
public final class MonitorContention {

	private MonitorContention() {
	}

	/**
	 * Holds a monitor for the given time while a thread of the given name waits to enter it,
	 * and returns once it entered.
	 * @param millis how long the monitor is held
	 * @param blocked the name of the thread that waits
	 * @return when the waiting thread entered: the end of its {@code jdk.JavaMonitorEnter}
	 * @throws InterruptedException if interrupted while waiting for the threads
	 */
	public static Instant contend(long millis, String blocked) throws InterruptedException {
		Object monitor = new Object();
		CountDownLatch held = new CountDownLatch(1);
		Thread holder = new Thread(() -> {
			synchronized (monitor) {
				held.countDown();
				try {
					Thread.sleep(millis);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}, "monitor-holder");
		holder.start();
		held.await();
		Instant[] entered = new Instant[1];
		Thread waiting = new Thread(() -> entered[0] = enter(monitor), blocked);
		waiting.start();
		waiting.join();
		return entered[0];
	}

	private static Instant enter(Object monitor) {
		synchronized (monitor) {
			return Instant.now();
		}
	}

}

package io.flightrecorder.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The one way the flight recorder runs work in the background: on named daemon threads, so
 * that a thread dump says whose they are and none of them keeps the JVM alive, and with
 * every failure caught and logged, so that a failed run neither dies silently nor cancels
 * the runs scheduled after it (as an exception escaping a periodic task of a
 * {@link ScheduledExecutorService} would).
 */
public final class BackgroundWork {

	private static final System.Logger logger = System.getLogger(BackgroundWork.class.getName());

	private BackgroundWork() {
	}

	/**
	 * Returns a scheduler with one daemon thread named {@code flight-recorder-<name>}, on
	 * which cancelled tasks are removed at once and delayed tasks do not run after
	 * {@code shutdown()}.
	 * @param name what the thread does, such as {@code dumps}
	 * @return the scheduler
	 */
	public static ScheduledExecutorService newScheduler(String name) {
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, (task) -> newThread(name, task));
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		return scheduler;
	}

	/**
	 * Returns the given task with every failure caught and logged at WARN, with what it was
	 * doing.
	 * @param what what the task does, for the log line, such as {@code Checking the meter
	 * thresholds}
	 * @param task the task
	 * @return the task that never throws
	 */
	public static Runnable logFailures(String what, Runnable task) {
		return () -> {
			try {
				task.run();
			}
			catch (Throwable ex) {
				logger.log(System.Logger.Level.WARNING, what + " failed", ex);
			}
		};
	}

	/**
	 * Returns a daemon thread named {@code flight-recorder-<name>}, not started.
	 * @param name what the thread does, such as {@code start}
	 * @param task what it runs
	 * @return the thread
	 */
	public static Thread newThread(String name, Runnable task) {
		Thread thread = new Thread(task, "flight-recorder-" + name);
		thread.setDaemon(true);
		return thread;
	}

}

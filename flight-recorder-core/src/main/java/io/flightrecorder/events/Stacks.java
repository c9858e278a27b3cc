package io.flightrecorder.events;

import java.lang.management.LockInfo;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.util.List;

import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import org.jspecify.annotations.Nullable;

/**
 * Writes stacks as text, top frame first, one per line, as a thread dump does: what a dump's
 * event trigger keeps of the thread it fired on, so that the report shows it at once.
 */
final class Stacks {

	/**
	 * The most frames kept of one stack: enough for the frames that matter, bounded so that
	 * a deep stack cannot make a large event.
	 */
	static final int MAX_FRAMES = 64;

	private Stacks() {
	}

	/**
	 * Returns a recorded stack as text, or {@code null} when the event has none.
	 */
	static @Nullable String of(@Nullable RecordedStackTrace stack) {
		if (stack == null || stack.getFrames().isEmpty()) {
			return null;
		}
		StringBuilder text = new StringBuilder();
		List<RecordedFrame> frames = stack.getFrames();
		for (int i = 0; i < Math.min(frames.size(), MAX_FRAMES); i++) {
			RecordedFrame frame = frames.get(i);
			RecordedMethod method = frame.getMethod();
			text.append("at ").append(method.getType().getName()).append('.').append(method.getName());
			text.append(frame.getLineNumber() > 0 ? "(line " + frame.getLineNumber() + ")" : "()").append('\n');
		}
		if (frames.size() > MAX_FRAMES || stack.isTruncated()) {
			text.append("...\n");
		}
		return text.toString();
	}

	/**
	 * Returns the stacks of threads as a thread dump shows them: each thread's name and state,
	 * the lock it waits for and who holds it, its frames and the monitors each frame holds.
	 */
	static String of(ThreadInfo[] threads) {
		StringBuilder text = new StringBuilder();
		for (ThreadInfo thread : threads) {
			text.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
			LockInfo lock = thread.getLockInfo();
			if (lock != null) {
				text.append(" waiting for ").append(lock).append(" held by \"").append(thread.getLockOwnerName())
					.append('"');
			}
			text.append('\n');
			StackTraceElement[] frames = thread.getStackTrace();
			for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
				text.append("at ").append(frames[i]).append('\n');
				for (MonitorInfo monitor : thread.getLockedMonitors()) {
					if (monitor.getLockedStackDepth() == i) {
						text.append("  - locked ").append(monitor).append('\n');
					}
				}
			}
			text.append('\n');
		}
		return text.toString();
	}

}

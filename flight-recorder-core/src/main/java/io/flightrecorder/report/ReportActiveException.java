package io.flightrecorder.report;

/**
 * Thrown by {@link RecordingReport#start()} when another report is being built. Building
 * a report reads the whole recording and runs every analysis rule, so only one runs at a
 * time; it is thrown at once, a report never waits for another.
 */
public class ReportActiveException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	public ReportActiveException() {
		super("Another flight recording report is being built; only one runs at a time");
	}

}

package io.flightrecorder.report;

/**
 * Thrown when a report is not built, or is abandoned, to keep the application safe: it
 * would need more heap than it may use, it took longer than its time limit, or its own
 * process failed. The message says why, with the figures, and what works instead.
 */
public class ReportRefusedException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	public ReportRefusedException(String message) {
		super(message);
	}

}

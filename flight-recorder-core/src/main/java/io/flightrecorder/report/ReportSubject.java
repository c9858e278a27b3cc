package io.flightrecorder.report;

import io.flightrecorder.dump.TraceId;
import io.flightrecorder.internal.HostName;
import org.jspecify.annotations.Nullable;

/**
 * What a report is about, for its header: none of it is read from the recording.
 *
 * @param application the application's name
 * @param instance the process that recorded, see {@link #localInstance()}
 * @param fileName the recording's file name, as a download would name it
 * @param download the link that downloads the recording, relative to the report's own URL
 * @param trigger what saved the recording, or {@code null} for a snapshot taken for the
 * report
 * @param reason why it was saved, or {@code null}
 * @param settings the settings the recording was made with, or {@code null} if not known
 * @param traceId the trace whose observations the page opens at, or {@code null}
 */
public record ReportSubject(String application, String instance, String fileName, String download,
		@Nullable String trigger, @Nullable String reason, @Nullable String settings, @Nullable TraceId traceId) {

	/**
	 * Names this process as a user recognises it: the host name (a pod's name in
	 * Kubernetes) and the process id.
	 * @return such as {@code orders-7d9f8-x2k4q (pid 1)}
	 */
	public static String localInstance() {
		return HostName.current() + " (pid " + ProcessHandle.current().pid() + ")";
	}

}

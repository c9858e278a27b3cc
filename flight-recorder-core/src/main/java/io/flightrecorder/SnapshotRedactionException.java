package io.flightrecorder;

import java.io.IOException;

/**
 * Thrown when a snapshot would hold events that are to be redacted and this JDK cannot
 * remove them. That happens on JDK 17 and 18 only (JDK 19 added the API that rewrites a
 * recording), when another recording in the JVM records such events: the snapshot is refused
 * rather than served with secrets.
 */
public class SnapshotRedactionException extends IOException {

	private static final long serialVersionUID = 1L;

	SnapshotRedactionException(String message) {
		super(message);
	}

}

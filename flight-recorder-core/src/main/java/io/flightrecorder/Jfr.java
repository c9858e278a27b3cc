package io.flightrecorder;

/**
 * JFR itself, for what is done once per JVM rather than once per recorder.
 */
public final class Jfr {

	private Jfr() {
	}

	/**
	 * Initializes JFR and reads its {@code default} settings, without recording anything, so
	 * that a later {@link FlightRecorder#start()} is quick. Call it as early as possible, on a
	 * thread of its own: on JDK 17, JFR initialized after the application's classes were
	 * loaded and compiled cost a web application a quarter to a third of its throughput, and
	 * initialized early it cost nothing measurable. Calling it again does nothing more.
	 * @throws IllegalStateException if JFR is not available in this JVM
	 */
	public static void initialize() {
		RingRecording.initializeJfr();
	}

}

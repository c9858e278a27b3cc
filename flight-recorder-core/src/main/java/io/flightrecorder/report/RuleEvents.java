package io.flightrecorder.report;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.openjdk.jmc.flightrecorder.parser.IEventSink;
import org.openjdk.jmc.flightrecorder.parser.IEventSinkFactory;
import org.openjdk.jmc.flightrecorder.parser.IParserExtension;
import org.openjdk.jmc.flightrecorder.parser.ValueField;
import org.openjdk.jmc.flightrecorder.rules.IRule;

/**
 * Keeps, of the events JMC's parser reads, only those of the types JMC's rules look at,
 * so that the loaded recording holds a fraction of its events: the ring's flags, module
 * exports, class loader statistics and the application's own events are most of a
 * recording's events and none of its findings. The rules name most of what they read
 * ({@link IRule#getRequiredEvents()}); {@link #ALSO_READ} adds what some of them read
 * without naming it (the time span of pauses, allocation samples, parks). The same rules
 * apply, with the same summary, as with every event loaded ({@code RecordingReportTests}
 * checks it); a figure a rule gives as a share of the whole recording, such as of all its
 * stack traces, counts only the events kept, and can differ a little: enough, for the
 * stack depth rule, to move its severity between information and warning.
 * <p>
 * It also checks the build's {@link ReportGuard} at each event it keeps.
 */
final class RuleEvents implements IParserExtension {

	static final Set<String> ALSO_READ = Set.of("jdk.ObjectAllocationSample", "jdk.ThreadPark", "jdk.ThreadSleep",
			"jdk.JavaMonitorWait", "jdk.SafepointBegin", "jdk.SafepointStateSynchronization", "jdk.SafepointEnd",
			"jdk.OldObjectSample", "jdk.ZAllocationStall", "jdk.X509Certificate", "jdk.YoungGarbageCollection",
			"jdk.OldGarbageCollection", "jdk.GCPhaseConcurrent", "jdk.ConcurrentModeFailure", "jdk.StringFlag",
			"jdk.DataLoss", "jdk.ClassLoadingStatistics", "jdk.OSInformation", "jdk.ThreadStart", "jdk.ThreadEnd",
			"jdk.JavaExceptionThrow", "jdk.BiasedLockRevocation", "jdk.BiasedLockSelfRevocation",
			"jdk.ThreadAllocationStatistics", "jdk.ThreadCPULoad", "jdk.GCReferenceStatistics", "jdk.ActiveRecording");

	private final Set<String> kept;

	private final ReportGuard guard;

	RuleEvents(List<IRule> rules, ReportGuard guard) {
		this.kept = new HashSet<>(ALSO_READ);
		rules.forEach((rule) -> this.kept.addAll(rule.getRequiredEvents().keySet()));
		this.guard = guard;
	}

	@Override
	public IEventSinkFactory getEventSinkFactory(IEventSinkFactory subFactory) {
		return new IEventSinkFactory() {

			@Override
			public IEventSink create(String identifier, String label, String[] category, String description,
					List<ValueField> dataStructure) {
				if (!RuleEvents.this.kept.contains(identifier)) {
					return (values) -> {
					};
				}
				IEventSink sink = subFactory.create(identifier, label, category, description, dataStructure);
				return (values) -> {
					RuleEvents.this.guard.check();
					sink.addEvent(values);
				};
			}

			@Override
			public void flush() {
				subFactory.flush();
			}

		};
	}

}

package io.flightrecorder.events;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.flightrecorder.dump.SavedDump;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Each rule made to fire by its condition, for real, in this JVM: a thread blocked on a held
 * monitor, two threads deadlocked, a heap dump that stops every thread, an application's own
 * event, a virtual thread pinned; and the rules refused at start-up for what they name wrong.
 * The collector's conditions, which need a heap of their own, are in
 * {@link CollectorConditionTests}.
 */
class EventTriggersTests {

	@TempDir
	Path directory;

	@Test
	void aThreadBlockedOnAHeldMonitorFiresMonitorWait() throws Exception {
		try (EventTriggerHarness harness = new EventTriggerHarness(this.directory,
				EventRules.monitorWait(Duration.ofMillis(200)))) {
			MonitorContention.contend(600, "monitor-blocked");
			SavedDump dump = harness.awaitDump("monitor-wait");
			assertThat(dump.name()).endsWith("-event-monitor-wait.jfr");
			assertThat(dump.reason()).startsWith("jdk.JavaMonitorEnter duration ").contains(" > 200.0 ms in thread 'monitor-blocked' at ");
			assertThat(harness.events(dump, (event) -> event.getEventType().getName().equals("jdk.JavaMonitorEnter")
					&& event.getThread().getJavaName().equals("monitor-blocked")
					&& event.getDuration().compareTo(Duration.ofMillis(200)) > 0)).hasSize(1);
			RecordedEvent trigger = harness.triggerEvent(dump);
			assertThat(trigger.getString("rule")).isEqualTo("monitor-wait");
			assertThat(trigger.getString("thread")).isEqualTo("monitor-blocked");
			assertThat(trigger.getString("stack")).startsWith("at ").contains(MonitorContention.class.getName() + ".enter(line ");
			String page = harness.report(dump);
			assertThat(page).contains("<section id='event-triggers'><h2>Event triggers</h2>",
					"<tr class='event-trigger'><td><strong id='wrote-this-dump'>wrote this dump</strong></td>",
					"<td>monitor-wait</td><td>jdk.JavaMonitorEnter</td>", "<td>monitor-blocked</td>",
					"<details open><summary>Stack</summary><pre class='stack' id='event-trigger-stack-0'>at ",
					MonitorContention.class.getName() + ".enter(line ", "<rect class='event-trigger' ",
					"<title>monitor-wait: jdk.JavaMonitorEnter duration ");
			assertThat(page.indexOf("id='event-triggers'")).isLessThan(page.indexOf("id='analysis'"));
		}
	}

	@Test
	void twoThreadsDeadlockedFireDeadlockOnce() throws Exception {
		try (EventTriggerHarness harness = new EventTriggerHarness(this.directory);
				DeadlockCheck check = new DeadlockCheck(harness.triggers, Duration.ofMillis(200), Duration.ZERO)) {
			check.start();
			List<Thread> deadlocked = deadlock();
			try {
				SavedDump dump = harness.awaitDump("deadlock");
				assertThat(dump.name()).endsWith("-event-deadlock.jfr");
				assertThat(dump.reason()).startsWith("deadlock of 2 threads: ")
					.contains("'deadlock-a' waits for java.util.concurrent.locks.ReentrantLock")
					.contains("held by 'deadlock-b'");
				String stack = harness.triggerEvent(dump).getString("stack");
				assertThat(stack).contains("\"deadlock-a\" WAITING", "\"deadlock-b\" WAITING",
						getClass().getName() + ".lockBoth");
				Thread.sleep(1000);
				assertThat(harness.written).filteredOn((written) -> written.trigger().equals("event-deadlock")).hasSize(1);
			}
			finally {
				deadlocked.forEach(Thread::interrupt);
			}
		}
	}

	@Test
	void aHeapDumpThatStopsEveryThreadFiresSafepoint() throws Exception {
		List<long[]> live = new ArrayList<>();
		for (int i = 0; i < 400_000; i++) {
			live.add(new long[16]);
		}
		try (EventTriggerHarness harness = new EventTriggerHarness(this.directory, Duration.ZERO,
				EventRules.safepoint(Duration.ofMillis(50)))) {
			Path heapDump = this.directory.resolve("heap.hprof");
			Instant before = Instant.now();
			ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(heapDump.toString(), false);
			Instant after = Instant.now();
			Files.delete(heapDump);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(harness.written)
				.filteredOn((dump) -> dump.trigger().equals("event-safepoint"))
				.anySatisfy((dump) -> assertThat(harness.triggerEvent(dump).getInstant("eventStart"))
					.as("JFR's clock, in milliseconds")
					.isBetween(before.minusMillis(50), after.plusMillis(50))));
			SavedDump dump = harness.dump("safepoint").orElseThrow();
			assertThat(dump.reason()).startsWith("jdk.SafepointBegin safepoint ").contains(" stopped all Java threads for ");
			assertThat(harness.events(dump, (event) -> event.getEventType().getName().equals("jdk.SafepointEnd")))
				.as("the ring records every safepoint's end, which JFR's default settings leave out")
				.isNotEmpty();
			assertThat(live).hasSize(400_000);
		}
	}

	@Test
	void anApplicationsOwnEventFiresAtEveryCommitOnceRegisteredByItsClassName() throws Exception {
		try (EventTriggerHarness harness = new EventTriggerHarness(this.directory,
				EventThreshold.of("payment-timeout", PaymentTimeout.class.getName(), null, null))) {
			PaymentTimeout.commit("order-42");
			SavedDump dump = harness.awaitDump("payment-timeout");
			assertThat(dump.reason()).startsWith(PaymentTimeout.class.getName() + " committed in thread '");
			assertThat(harness.events(dump, (event) -> event.getEventType().getName().equals(PaymentTimeout.class.getName())))
				.singleElement()
				.satisfies((event) -> assertThat(event.getString("order")).isEqualTo("order-42"));
		}
	}

	@Test
	void aVirtualThreadPinnedInAClassInitializerFiresPinned() throws Exception {
		if (Runtime.version().feature() < 21) {
			assertThatIllegalArgumentException().isThrownBy(() -> EventRules.pinned(Duration.ofMillis(100)))
				.withMessageStartingWith("the pinned rule needs Java 21 or later, whose JFR records jdk.VirtualThreadPinned: "
						+ "no JFR event 'jdk.VirtualThreadPinned' in this JVM (Java " + Runtime.version().feature() + ")");
			return;
		}
		try (EventTriggerHarness harness = new EventTriggerHarness(this.directory,
				EventRules.pinned(Duration.ofMillis(100)))) {
			Method ofVirtual = Thread.class.getMethod("ofVirtual");
			Object builder = ofVirtual.invoke(null);
			Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
			Thread pinned = (Thread) start.invoke(builder, (Runnable) SlowInitializer::touch);
			pinned.join();
			SavedDump dump = harness.awaitDump("pinned");
			assertThat(dump.reason()).startsWith("jdk.VirtualThreadPinned duration ")
				.contains(" > 100.0 ms in thread 'unnamed thread " + pinned.getId() + "' at ");
			assertThat(harness.triggerEvent(dump).getString("stack")).contains(SlowInitializer.class.getName());
		}
	}

	@Test
	void theRulesFireAfterTheRecorderStoppedAndStartedAgain() throws Exception {
		try (EventTriggerHarness harness = new EventTriggerHarness(this.directory,
				EventThreshold.of("payment-timeout", PaymentTimeout.class.getName(), null, null))) {
			harness.recorder.stop();
			harness.recorder.start();
			PaymentTimeout.commit("after-restart");
			assertThat(harness.awaitDump("payment-timeout").reason()).contains(PaymentTimeout.class.getName());
			assertThat(harness.events.failure()).isNull();
		}
	}

	@Test
	void aBoostWithSettingsWithoutTheEventStillRecordsIt() throws Exception {
		try (EventTriggerHarness harness = new EventTriggerHarness(this.directory,
				EventRules.monitorWait(Duration.ofMillis(200)))) {
			harness.recorder.boosts()
				.start("no-locks", Map.of("jdk.JavaMonitorEnter#enabled", "false"), Duration.ofMinutes(1));
			MonitorContention.contend(500, "monitor-blocked");
			assertThat(harness.awaitDump("monitor-wait").reason()).startsWith("jdk.JavaMonitorEnter duration ");
		}
	}

	/**
	 * An error thrown out of a rule (an application's own) ends JFR's stream: it is reported,
	 * the stream is opened again, and the rules fire again.
	 */
	@Test
	void aStreamThatFailsIsReportedAndOpenedAgain() throws Exception {
		AtomicInteger tested = new AtomicInteger();
		EventRule failingOnce = new EventRule() {

			@Override
			public String name() {
				return "failing-once";
			}

			@Override
			public Map<String, Duration> events() {
				return Map.of(PaymentTimeout.class.getName(), Duration.ZERO);
			}

			@Override
			public EventFiring test(RecordedEvent event) {
				if (tested.incrementAndGet() == 1) {
					throw new AssertionError("a rule that broke");
				}
				return EventThreshold.firing(event, "committed");
			}

		};
		try (EventTriggerHarness harness = new EventTriggerHarness(this.directory, failingOnce)) {
			PaymentTimeout.commit("breaks the stream");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> harness.events.failure() != null);
			assertThat(harness.events.failure())
				.startsWith("The event stream failed: java.lang.AssertionError: a rule that broke; reopening in 1 s");
			await().atMost(Duration.ofSeconds(30)).until(() -> harness.events.failure() == null);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				PaymentTimeout.commit("after the failure");
				assertThat(harness.dump("failing-once")).isPresent();
			});
		}
	}

	@Test
	void closeEndsTheStreamsThread() throws Exception {
		EventTriggerHarness harness = new EventTriggerHarness(this.directory);
		harness.close();
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().equals("flight-recorder-event-stream"));
	}

	@Test
	void anEventThisJvmDoesNotKnowIsRefusedByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> EventThreshold.of("x", "com.acme.NoSuchEvent", null, null))
			.withMessage("no JFR event 'com.acme.NoSuchEvent' in this JVM (Java " + Runtime.version().feature()
					+ "): neither one of the JVM's ('jfr metadata' lists them) nor a jdk.jfr.Event class of that "
					+ "name on the class path (an application's event that is not loaded yet is found by its "
					+ "class name)");
	}

	@Test
	void anApplicationsEventIsFoundByItsClassNameWhateverItsJfrName() {
		assertThat(EventThreshold.of("renamed", Renamed.class.getName(), null, null).events())
			.containsOnlyKeys("io.flightrecorder.test.Renamed");
	}

	@Test
	void aFieldTheEventDoesNotHaveIsRefusedWithTheFieldsItHas() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EventThreshold.of("x", "jdk.GarbageCollection", "longestPauze", "1s"))
			.withMessageStartingWith("the event jdk.GarbageCollection has no field 'longestPauze' that is a duration, "
					+ "a number or a boolean; it has: ")
			.withMessageContaining("longestPause (a duration)")
			.withMessageContaining("gcId (a number)")
			.withMessageNotContaining("name (");
		assertThatIllegalArgumentException().isThrownBy(() -> EventThreshold.of("x", "jdk.GarbageCollection", "name", "1"))
			.withMessageStartingWith("the event jdk.GarbageCollection has no field 'name' that is");
	}

	@Test
	void aValueOfAnotherKindThanTheFieldIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EventThreshold.of("x", "jdk.GarbageCollection", "longestPause", "fast"))
			.withMessageStartingWith("'fast' is not a duration: a number and a unit ns, us, ms, s, m, h or d");
		assertThatIllegalArgumentException().isThrownBy(() -> EventThreshold.of("x", "jdk.GarbageCollection", "gcId", "many"))
			.withMessage("'many' is not a number");
		assertThatIllegalArgumentException().isThrownBy(() -> EventThreshold.of("x", "jdk.GarbageCollection", "gcId", null))
			.withMessage("the field gcId of jdk.GarbageCollection is a number: it needs a value to be above");
		assertThatIllegalArgumentException().isThrownBy(() -> EventRules.heapAfterGc(100))
			.withMessage("the share of the heap must be a percentage above 0 and below 100, but was 100.0");
	}

	@Test
	void theRequiredThresholdIsTheLowestOfTheRulesReadingAnEvent() {
		assertThat(EventTriggers.requiredEvents(List.of(EventRules.monitorWait(Duration.ofSeconds(1)),
				EventThreshold.of("fast", "jdk.JavaMonitorEnter", null, "50ms"), EventRules.gcPause(Duration.ofSeconds(1)))))
			.containsExactlyInAnyOrderEntriesOf(Map.of("jdk.JavaMonitorEnter", Duration.ofMillis(50),
					"jdk.GarbageCollection", Duration.ZERO));
	}

	@jdk.jfr.Name("io.flightrecorder.test.Renamed")
	static final class Renamed extends jdk.jfr.Event {

	}

	/**
	 * Starts two threads that each hold one lock and wait for the other's: a deadlock that
	 * interrupting them ends.
	 */
	private static List<Thread> deadlock() {
		ReentrantLock a = new ReentrantLock();
		ReentrantLock b = new ReentrantLock();
		CountDownLatch bothHold = new CountDownLatch(2);
		List<Thread> threads = List.of(new Thread(() -> lockBoth(a, b, bothHold), "deadlock-a"),
				new Thread(() -> lockBoth(b, a, bothHold), "deadlock-b"));
		threads.forEach(Thread::start);
		return threads;
	}

	private static void lockBoth(ReentrantLock first, ReentrantLock second, CountDownLatch bothHold) {
		first.lock();
		try {
			bothHold.countDown();
			bothHold.await();
			second.lockInterruptibly();
			second.unlock();
		}
		catch (InterruptedException ex) {
			// the test is over
		}
		finally {
			first.unlock();
		}
	}

}

package io.flightrecorder.sample;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import com.sun.management.HotSpotDiagnosticMXBean;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints that make the JVM itself go wrong, so that a newcomer can see the event triggers
 * fire (docs/triggers.md): a long GC pause, a deadlock, a safepoint that stops every thread,
 * a heap kept full, a pinned virtual thread. Behind the actuator's password
 * ({@link ActuatorSecurityConfiguration}), as they harm the application; each answers at once
 * and does its harm on a thread of its own, so that no request is slow because of it.
 */
@RestController
@RequestMapping("/trouble")
class TroubleController {

	/**
	 * The size of one object of a live set: small objects, as a collector's work grows with
	 * their number.
	 */
	private static final int OBJECT_LONGS = 14;

	private final List<long[]> retained = new ArrayList<>();

	/**
	 * Builds a live set of small objects of about the given size, collects the whole heap
	 * with it live (a full collection, a long pause), then drops it.
	 */
	@PostMapping("/gc-pause")
	Map<String, Object> gcPause(@RequestParam(defaultValue = "256") int megabytes) {
		inBackground("gc-pause", () -> {
			List<long[]> live = allocate(megabytes * 1024L * 1024);
			System.gc();
			return live.size();
		});
		return Map.of("liveMegabytes", megabytes);
	}

	/**
	 * Deadlocks two threads, named {@code deadlock-a} and {@code deadlock-b}, each holding a
	 * lock the other waits for; they give up after the given time.
	 */
	@PostMapping("/deadlock")
	Map<String, Object> deadlock(@RequestParam(defaultValue = "60") long seconds) {
		ReentrantLock a = new ReentrantLock();
		ReentrantLock b = new ReentrantLock();
		CountDownLatch bothHold = new CountDownLatch(2);
		List<Thread> threads = List.of(new Thread(() -> lockBoth(a, b, bothHold), "deadlock-a"),
				new Thread(() -> lockBoth(b, a, bothHold), "deadlock-b"));
		threads.forEach((thread) -> {
			thread.setDaemon(true);
			thread.start();
		});
		inBackground("deadlock-end", () -> {
			Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
			threads.forEach(Thread::interrupt);
			return seconds;
		});
		return Map.of("deadlockedForSeconds", seconds);
	}

	/**
	 * Writes a heap dump, which stops every thread for as long as it takes, as {@code jmap}
	 * does, into a temporary file deleted at once.
	 */
	@PostMapping("/safepoint")
	Map<String, Object> safepoint() {
		inBackground("safepoint", () -> {
			Path file = Files.createTempDirectory("trouble-").resolve("heap.hprof");
			try {
				ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), false);
				return Files.size(file);
			}
			finally {
				Files.deleteIfExists(file);
				Files.delete(file.getParent());
			}
		});
		return Map.of("heapDump", "written and deleted");
	}

	/**
	 * Keeps the heap full to the given percentage of its maximum, measured after a full
	 * collection, then collects it again: the heap is still that full after the collection,
	 * until DELETE releases it.
	 */
	@PostMapping("/heap")
	Map<String, Object> fillHeap(@RequestParam(defaultValue = "95") int percent) {
		inBackground("heap", () -> {
			System.gc();
			Runtime runtime = Runtime.getRuntime();
			List<long[]> objects = allocate(
					runtime.maxMemory() * percent / 100 - (runtime.totalMemory() - runtime.freeMemory()));
			synchronized (this) {
				this.retained.addAll(objects);
			}
			System.gc();
			return percent;
		});
		return Map.of("heapPercent", percent);
	}

	@DeleteMapping("/heap")
	synchronized Map<String, Object> releaseHeap() {
		int released = this.retained.size();
		this.retained.clear();
		return Map.of("releasedObjects", released);
	}

	/**
	 * Pins a virtual thread (Java 21 and later) for the given time: it blocks in a class
	 * initializer, which pins on every Java version, each call in a class loaded anew.
	 */
	@PostMapping("/pinned")
	Map<String, Object> pinned(@RequestParam(defaultValue = "1000") long millis) throws Exception {
		Method ofVirtual = Thread.class.getMethod("ofVirtual");
		Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
		Class<?> blocking = new FreshLoader().load(BlockingInitializer.class);
		System.setProperty(BlockingInitializer.MILLIS, Long.toString(millis));
		start.invoke(ofVirtual.invoke(null), (Runnable) () -> initialize(blocking));
		return Map.of("pinnedMillis", millis);
	}

	private static void initialize(Class<?> type) {
		try {
			Class.forName(type.getName(), true, type.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<long[]> allocate(long bytes) {
		List<long[]> objects = new ArrayList<>();
		for (long size = 0; size < bytes; size += 16 + 8 * OBJECT_LONGS) {
			objects.add(new long[OBJECT_LONGS]);
		}
		return objects;
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
			// given up
		}
		finally {
			first.unlock();
		}
	}

	private static void inBackground(String name, Callable<?> harm) {
		Thread thread = new Thread(() -> {
			try {
				harm.call();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}, "trouble-" + name);
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * A class whose initializer sleeps for the time the system property says.
	 */
	static final class BlockingInitializer {

		static final String MILLIS = "sample.trouble.pinned-millis";

		static {
			try {
				Thread.sleep(Long.getLong(MILLIS, 1000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private BlockingInitializer() {
		}

	}

	/**
	 * Loads a class of this application anew, so that its initializer runs again.
	 */
	static final class FreshLoader extends ClassLoader {

		FreshLoader() {
			super(TroubleController.class.getClassLoader());
		}

		Class<?> load(Class<?> type) throws IOException {
			String file = type.getName().substring(type.getPackageName().length() + 1) + ".class";
			try (InputStream in = type.getResourceAsStream(file)) {
				byte[] bytes = in.readAllBytes();
				return defineClass(type.getName(), bytes, 0, bytes.length);
			}
		}

	}

}

package io.flightrecorder.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints that give a recording something to show: CPU work (execution samples),
 * allocation (allocation samples, GC), lock contention (monitor enter events), a slow call
 * (thread sleep events), and the application's own small JFR events, each with a string of
 * its own ({@link OrderEvent}), which fill a ring fast.
 */
@RestController
class WorkController {

	private final Object lock = new Object();

	private final AtomicLong orders = new AtomicLong();

	@GetMapping("/cpu")
	Map<String, Object> cpu(@RequestParam(defaultValue = "200000") int n) {
		return Map.of("primes", countPrimes(n));
	}

	@GetMapping("/alloc")
	Map<String, Object> alloc(@RequestParam(defaultValue = "64") int megabytes) {
		List<byte[]> blocks = new ArrayList<>();
		long total = 0;
		for (int i = 0; i < megabytes; i++) {
			byte[] block = new byte[1024 * 1024];
			block[ThreadLocalRandom.current().nextInt(block.length)] = 1;
			blocks.add(block);
			total += block.length;
			if (blocks.size() > 8) {
				blocks.remove(0);
			}
		}
		return Map.of("allocatedBytes", total);
	}

	@GetMapping("/lock")
	Map<String, Object> lock(@RequestParam(defaultValue = "50") long millis) throws InterruptedException {
		synchronized (this.lock) {
			Thread.sleep(millis);
		}
		return Map.of("heldMillis", millis);
	}

	@GetMapping("/slow")
	Map<String, Object> slow(@RequestParam(defaultValue = "500") long millis) throws InterruptedException {
		Thread.sleep(millis);
		return Map.of("sleptMillis", millis);
	}

	@GetMapping("/events")
	Map<String, Object> events(@RequestParam(defaultValue = "10000") int count) {
		long first = this.orders.getAndAdd(count);
		for (long i = first; i < first + count; i++) {
			OrderEvent event = new OrderEvent();
			event.order = "order-" + i + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
			event.amount = i;
			event.commit();
		}
		return Map.of("committed", count);
	}

	private static int countPrimes(int limit) {
		int count = 0;
		for (int candidate = 2; candidate < limit; candidate++) {
			if (isPrime(candidate)) {
				count++;
			}
		}
		return count;
	}

	private static boolean isPrime(int candidate) {
		for (int divisor = 2; (long) divisor * divisor <= candidate; divisor++) {
			if (candidate % divisor == 0) {
				return false;
			}
		}
		return true;
	}

}

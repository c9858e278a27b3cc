package io.flightrecorder.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.dump.TraceId;
import io.flightrecorder.internal.DirectoryTrees;
import io.flightrecorder.s3.S3DumpStorage;
import io.flightrecorder.s3.S3ProxyServer;
import io.flightrecorder.storage.StoredTraceMatch;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A lookup by trace ID over a fleet in S3Proxy on this machine: the given number of
 * instances, each of which uploaded the given number of dumps with their trace indexes (a
 * ring of 2 MiB under 500 traced requests per second, each dump holding about 4 s of them),
 * looked up from another instance as {@code ?scope=fleet&traceId=} does. Prints one Markdown
 * row: the fleet, the dumps found, the median and the slowest of the lookups' wall-clock
 * times, and the requests the last lookup made to the store, by kind.
 * <p>
 * Usage: {@code TraceLookupCost [instances] [dumps per instance] [lookups]}, by default 20, 10
 * and 10. Needs {@code -Ds3proxy.classpath=s3proxy/target/classpath.txt}.
 */
public final class TraceLookupCost {

	private TraceLookupCost() {
	}

	public static void main(String[] args) throws Exception {
		int instances = (args.length > 0) ? Integer.parseInt(args[0]) : 20;
		int perInstance = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		int lookups = (args.length > 2) ? Integer.parseInt(args[2]) : 10;
		Path directory = Files.createTempDirectory("trace-lookup-cost");
		Map<String, AtomicInteger> requests = new ConcurrentSkipListMap<>();
		FlightRecorder recorder = new FlightRecorder(FlightRecorderConfig.builder().size(2 * 1024 * 1024).build());
		try (S3ProxyServer server = S3ProxyServer.start(directory.resolve("s3")); S3Client s3 = server.client();
				S3Client counted = server.client(counting(requests));
				TracedRequests load = new TracedRequests(500)) {
			s3.createBucket((request) -> request.bucket("fleet"));
			recorder.start();
			Thread.sleep(4000);
			String wanted = "";
			for (int instance = 0; instance < instances; instance++) {
				if (instance == instances / 2) {
					wanted = load.latest();
				}
				SavedDumps dumps = new SavedDumps(directory.resolve("pod-" + instance), "orders", perInstance,
						Long.MAX_VALUE, 0);
				S3DumpStorage storage = new S3DumpStorage(s3, "fleet", "flight-recorder", "orders", "pod-" + instance);
				for (int i = 0; i < perInstance; i++) {
					SavedDump dump = dumps.save(recorder, "slow", "benchmark");
					storage.upload(dump, dumps.file(dump.name()).orElseThrow(),
							dumps.traceIndex(dump.name()).orElseThrow());
					Thread.sleep(5);
				}
			}
			S3DumpStorage looking = new S3DumpStorage(counted, "fleet", "flight-recorder", "orders", "pod-x");
			SavedDumps here = new SavedDumps(directory.resolve("pod-x"), "orders", 1, Long.MAX_VALUE, 0);
			List<Double> times = new ArrayList<>();
			int found = 0;
			String requestsPerLookup = "";
			for (int round = 0; round <= lookups; round++) {
				requests.clear();
				long start = System.nanoTime();
				List<StoredTraceMatch> matches = looking.findTrace(TraceId.parse(wanted), false, here::indexCopy);
				long took = System.nanoTime() - start;
				if (round > 0) {
					times.add(took / 1e6);
					found = matches.size();
					requestsPerLookup = requests.values().stream().mapToInt(AtomicInteger::get).sum() + " ("
							+ requests + ")";
				}
			}
			Collections.sort(times);
			System.out.printf("| %d x %d | %d | %.0f | %.0f | %s |%n", instances, perInstance, found,
					times.get((times.size() - 1) / 2), times.get(times.size() - 1), requestsPerLookup);
		}
		finally {
			recorder.stop();
			DirectoryTrees.delete(directory);
		}
	}

	/**
	 * Counts the requests made, by kind: {@code ListObjectsV2}, {@code GetObject} and so on.
	 */
	private static ExecutionInterceptor counting(Map<String, AtomicInteger> requests) {
		return new ExecutionInterceptor() {
			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				requests.computeIfAbsent(context.request().getClass().getSimpleName().replace("Request", ""),
						(kind) -> new AtomicInteger())
					.incrementAndGet();
			}
		};
	}

}

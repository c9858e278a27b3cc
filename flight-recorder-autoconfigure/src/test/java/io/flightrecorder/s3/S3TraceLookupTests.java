package io.flightrecorder.s3;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import io.flightrecorder.TracedObservationEvent;
import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.dump.TickingDumps;
import io.flightrecorder.dump.TraceId;
import io.flightrecorder.storage.StoredTraceMatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Stored dumps found by trace ID in a real S3-compatible server (S3Proxy), counting the
 * requests each lookup makes.
 */
class S3TraceLookupTests {

	private static final FlightRecorder recorder = new FlightRecorder(
			FlightRecorderConfig.builder().size(1024 * 1024).build());

	private static S3ProxyServer server;

	private static S3Client s3;

	@TempDir
	static Path serverDirectory;

	@TempDir
	Path directory;

	private final String bucket = "traces-" + System.nanoTime();

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	/**
	 * A trace of this test's own: the ring, shared by the tests, holds the others' too.
	 */
	private final String trace = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));

	private final Map<String, SavedDumps> instances = new HashMap<>();

	private S3Client counted;

	@BeforeAll
	static void start() throws IOException {
		server = S3ProxyServer.start(serverDirectory);
		s3 = server.client();
		recorder.start();
	}

	@AfterAll
	static void stop() throws InterruptedException {
		recorder.stop();
		s3.close();
		server.close();
	}

	@BeforeEach
	void createBucket() {
		s3.createBucket((request) -> request.bucket(this.bucket));
		this.counted = server.client(new ExecutionInterceptor() {
			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				String what = context.request().getClass().getSimpleName().replace("Request", "");
				if (context.request() instanceof GetObjectRequest get) {
					what += " " + get.key().substring(get.key().lastIndexOf('/') + 1);
				}
				S3TraceLookupTests.this.requests.computeIfAbsent(what, (key) -> new AtomicInteger()).incrementAndGet();
			}
		});
	}

	@Test
	void aTraceIsFoundInEachInstancesDumpsWithOneListingAndOneReadPerInstance() throws Exception {
		TracedObservationEvent.commit("/orders/{id}", this.trace, "00f067aa0ba902b7");
		SavedDump first = upload("orders", "pod-a");
		SavedDump second = upload("orders", "pod-b");
		upload("orders", "pod-b");
		TracedObservationEvent.commit("/payments", this.trace, "00f067aa0ba902b8");
		SavedDump payment = upload("payments", "pod-c");
		S3DumpStorage orders = storage(this.counted, "orders", "pod-x");

		this.requests.clear();
		List<StoredTraceMatch> matches = orders.findTrace(TraceId.parse(this.trace), true, this::noIndexing);
		assertThat(matches).extracting(StoredTraceMatch::application).containsOnly("orders");
		assertThat(matches).extracting(StoredTraceMatch::instance, StoredTraceMatch::name)
			.contains(tuple("pod-a", first.name()), tuple("pod-b", second.name()))
			.hasSize(3);
		assertThat(matches.get(0).observations()).singleElement()
			.satisfies((observation) -> assertThat(observation.uri()).isEqualTo("/orders/{id}"));
		assertThat(this.requests).as("one listing, then one index per instance")
			.containsOnlyKeys("ListObjectsV2", "GetObject index.traces")
			.satisfies((counts) -> assertThat(counts.get("ListObjectsV2")).hasValue(1))
			.satisfies((counts) -> assertThat(counts.get("GetObject index.traces")).hasValue(2));

		orders.setOtherApplications(List.of("payments"));
		this.requests.clear();
		assertThat(orders.findTrace(TraceId.parse(this.trace), true, this::noIndexing))
			.extracting(StoredTraceMatch::application, StoredTraceMatch::instance, StoredTraceMatch::name)
			.contains(tuple("payments", "pod-c", payment.name()))
			.hasSize(4);
		assertThat(this.requests.get("GetObject index.traces")).hasValue(3);
		assertThat(orders.findTrace(TraceId.parse(this.trace), false, this::noIndexing)).as("this application's only")
			.hasSize(3);
		assertThat(orders.findTrace(TraceId.parse("11111111111111111111111111111111"), true, this::noIndexing))
			.isEmpty();
		assertThat(orders.open("payments", "pod-c", payment.name())).isPresent();
		assertThat(storage(s3, "orders", "pod-x").open("payments", "pod-c", payment.name()))
			.as("not an application this storage searches").isEmpty();
	}

	@Test
	void aDumpUploadedWithoutAnIndexIsIndexedByTheFirstLookupOnly() throws Exception {
		TracedObservationEvent.commit("/orders/{id}", this.trace, "00f067aa0ba902b7");
		SavedDumps dumps = TickingDumps.in(this.directory.resolve("pod-a"), "orders");
		SavedDump dump = dumps.save(recorder, "slow", "before trace indexes");
		storage(s3, "orders", "pod-a").upload(dump, dumps.file(dump.name()).orElseThrow(), null);
		SavedDumps looking = TickingDumps.in(this.directory.resolve("pod-x"), "orders");
		S3DumpStorage storage = storage(this.counted, "orders", "pod-x");

		assertThat(storage.findTrace(TraceId.parse(this.trace), false, looking::indexCopy)).singleElement()
			.satisfies((match) -> assertThat(match.name()).isEqualTo(dump.name()));
		assertThat(this.requests.get("GetObject " + dump.name())).hasValue(1);
		assertThat(s3.headObject((request) -> request.bucket(this.bucket)
			.key("flight-recorder/orders/pod-a/" + dump.name() + ".traces"))).isNotNull();
		assertThat(this.directory.resolve("pod-x")).isEmptyDirectory();

		this.requests.clear();
		assertThat(storage.findTrace(TraceId.parse(this.trace), false, this::noIndexing)).hasSize(1);
		assertThat(this.requests).containsOnlyKeys("ListObjectsV2", "GetObject " + dump.name() + ".traces");
	}

	@Test
	void aCorruptInstanceIndexIsReadAroundAndRewrittenByTheNextUpload() throws Exception {
		TracedObservationEvent.commit("/orders/{id}", this.trace, "00f067aa0ba902b7");
		SavedDumps dumps = TickingDumps.in(this.directory.resolve("pod-a"), "orders");
		SavedDump dump = dumps.save(recorder, "slow", "test");
		S3DumpStorage storage = storage(s3, "orders", "pod-a");
		storage.upload(dump, dumps.file(dump.name()).orElseThrow(), dumps.traceIndex(dump.name()).orElseThrow());
		s3.putObject((request) -> request.bucket(this.bucket).key("flight-recorder/orders/pod-a/index.traces"),
				RequestBody.fromString("not an index"));
		SavedDumps looking = TickingDumps.in(this.directory.resolve("pod-x"), "orders");
		assertThat(storage(s3, "orders", "pod-x").findTrace(TraceId.parse(this.trace), false, looking::indexCopy))
			.hasSize(1);

		SavedDump next = dumps.save(recorder, "slow", "test");
		storage.upload(next, dumps.file(next.name()).orElseThrow(), dumps.traceIndex(next.name()).orElseThrow());
		this.requests.clear();
		assertThat(storage(this.counted, "orders", "pod-x").findTrace(TraceId.parse(this.trace), false, this::noIndexing))
			.extracting(StoredTraceMatch::name)
			.containsExactly(next.name(), dump.name());
		assertThat(this.requests.keySet()).doesNotContain("GetObject " + dump.name(), "GetObject " + next.name());
	}

	@Test
	void dumpsDeletedBeyondTheMostKeptTakeTheirIndexesWithThem() throws Exception {
		TracedObservationEvent.commit("/orders/{id}", this.trace, "00f067aa0ba902b7");
		SavedDumps dumps = TickingDumps.in(this.directory.resolve("pod-a"), "orders");
		S3DumpStorage storage = storage(s3, "orders", "pod-a");
		storage.setMaxCount(1);
		SavedDump old = dumps.save(recorder, "slow", "test");
		storage.upload(old, dumps.file(old.name()).orElseThrow(), null);
		SavedDumps looking = TickingDumps.in(this.directory.resolve("pod-x"), "orders");
		assertThat(storage.findTrace(TraceId.parse(this.trace), false, looking::indexCopy)).hasSize(1);
		SavedDump kept = dumps.save(recorder, "slow", "test");
		storage.upload(kept, dumps.file(kept.name()).orElseThrow(), dumps.traceIndex(kept.name()).orElseThrow());
		assertThat(s3.listObjectsV2((request) -> request.bucket(this.bucket)).contents())
			.extracting(software.amazon.awssdk.services.s3.model.S3Object::key)
			.containsExactlyInAnyOrder("flight-recorder/orders/pod-a/" + kept.name(),
					"flight-recorder/orders/pod-a/index.traces");
		assertThat(storage.findTrace(TraceId.parse(this.trace), false, this::noIndexing)).extracting(StoredTraceMatch::name)
			.containsExactly(kept.name());
	}

	private SavedDump upload(String application, String instance) throws IOException {
		SavedDumps dumps = this.instances.computeIfAbsent(application + "/" + instance,
				(key) -> TickingDumps.in(this.directory.resolve(application + "-" + instance), application));
		SavedDump dump = dumps.save(recorder, "slow", "test");
		storage(s3, application, instance).upload(dump, dumps.file(dump.name()).orElseThrow(),
				dumps.traceIndex(dump.name()).orElseThrow());
		return dump;
	}

	private S3DumpStorage storage(S3Client client, String application, String instance) {
		return new S3DumpStorage(client, this.bucket, "flight-recorder", application, instance);
	}

	private Path noIndexing(String name, java.io.InputStream dump, long size) {
		throw new AssertionError("Indexed " + name + ", which has an index");
	}

}

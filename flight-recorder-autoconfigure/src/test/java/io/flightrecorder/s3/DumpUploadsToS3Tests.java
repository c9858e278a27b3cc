package io.flightrecorder.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.flightrecorder.FlightRecorder;
import io.flightrecorder.FlightRecorderConfig;
import io.flightrecorder.MarkerEvent;
import io.flightrecorder.Recordings;
import io.flightrecorder.TracedObservationEvent;
import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.dump.TickingDumps;
import io.flightrecorder.dump.TraceId;
import io.flightrecorder.storage.DumpStorage;
import io.flightrecorder.storage.DumpUploads;
import io.flightrecorder.storage.StoredDump;
import io.flightrecorder.storage.StoredTraceMatch;
import io.flightrecorder.storage.UploadListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Saved dumps uploaded to a real S3-compatible server, S3Proxy in a process of its own, which
 * the tests kill and start again; and found there by trace ID, counting the requests each
 * lookup makes.
 */
class DumpUploadsToS3Tests {

	private static final String APPLICATION = "orders";

	private static final FlightRecorder recorder = new FlightRecorder(
			FlightRecorderConfig.builder().size(2 * 1024 * 1024).build());

	private static S3ProxyServer server;

	private static S3Client s3;

	@TempDir
	static Path serverDirectory;

	@TempDir
	Path directory;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private final String bucket = "dumps-" + System.nanoTime();

	/**
	 * The requests of {@link #counted()} clients, by kind.
	 */
	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	/**
	 * A trace of this test's own: the ring, shared by the tests, holds the others' too.
	 */
	private final String trace = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));

	private final Map<String, SavedDumps> instances = new HashMap<>();

	@BeforeAll
	static void startServerAndRecorder() throws IOException {
		server = S3ProxyServer.start(serverDirectory);
		s3 = server.client();
		recorder.start();
	}

	@AfterAll
	static void stopServerAndRecorder() throws InterruptedException {
		recorder.stop();
		s3.close();
		server.close();
	}

	@AfterEach
	void closeUploads() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void aSavedDumpIsUploadedWithItsMetadataAndReadBackWhole() throws Exception {
		createBucket();
		SavedDumps dumps = TickingDumps.in(this.directory, APPLICATION);
		S3DumpStorage storage = storage(s3, "pod-a");
		DumpUploads uploads = uploads(dumps, storage);
		uploads.start();
		MarkerEvent.commit("in the uploaded dump");
		SavedDump dump = dumps.save(recorder, "slow", "GET /orders took 2 s, für Grüße 100%");

		String key = "flight-recorder/orders/pod-a/" + dump.name();
		await(() -> uploaded(dumps, dump.name()));
		assertThat(dumps.find(dump.name()).orElseThrow().uploaded()).isEqualTo("s3://" + this.bucket + "/" + key);
		byte[] local = Files.readAllBytes(dumps.file(dump.name()).orElseThrow());
		assertThat(s3.getObjectAsBytes((request) -> request.bucket(this.bucket).key(key)).asByteArray())
			.isEqualTo(local);
		HeadObjectResponse head = s3.headObject((request) -> request.bucket(this.bucket).key(key));
		assertThat(head.metadata()).containsEntry("application", "orders")
			.containsEntry("instance", "pod-a")
			.containsEntry("trigger", "slow")
			.containsEntry("time", dump.time().toString())
			.containsEntry("jdk", System.getProperty("java.runtime.version"))
			.containsKey("settings")
			.containsEntry("reason", "GET /orders took 2 s, f%C3%BCr Gr%C3%BC%C3%9Fe 100%25");

		assertThat(storage.list()).singleElement().satisfies((stored) -> {
			assertThat(stored.instance()).isEqualTo("pod-a");
			assertThat(stored.name()).isEqualTo(dump.name());
			assertThat(stored.location()).isEqualTo("s3://" + this.bucket + "/" + key);
			assertThat(stored.size()).isEqualTo(local.length);
			assertThat(stored.trigger()).isEqualTo("slow");
			assertThat(stored.reason()).isEqualTo("GET /orders took 2 s, für Grüße 100%");
			assertThat(stored.time()).isEqualTo(dump.time());
			assertThat(stored.settings()).isEqualTo(dump.settings());
		});
		assertThat(dumps.delete(dump.name())).isTrue();
		DumpStorage.Download download = storage.open("orders", "pod-a", dump.name()).orElseThrow();
		try (InputStream stream = download.stream()) {
			byte[] bytes = stream.readAllBytes();
			assertThat(bytes).isEqualTo(local);
			assertThat(download.size()).isEqualTo(local.length);
			assertThat(Recordings.markers(bytes)).contains("in the uploaded dump");
		}
	}

	@Test
	void dumpsThatAnEarlierRunLeftNotUploadedAreUploadedAtStart() throws Exception {
		createBucket();
		SavedDumps dumps = TickingDumps.in(this.directory, APPLICATION);
		List<String> names = List.of(dumps.save(recorder, "slow", "before the restart").name(),
				dumps.save(recorder, "exit", "as the last run stopped").name());
		DumpUploads uploads = uploads(dumps, storage(s3, "pod-a"));
		assertThat(uploads.pending()).isEqualTo(2);
		uploads.start();
		await(() -> uploads.pending() == 0);
		assertThat(keys()).containsExactlyInAnyOrderElementsOf(
				names.stream().map((name) -> "flight-recorder/orders/pod-a/" + name).toList());
	}

	@Test
	void dumpsSavedWhileStorageIsDownWaitAndAreEachUploadedOnceWhenItReturns() throws Exception {
		createBucket();
		SavedDumps dumps = TickingDumps.in(this.directory, APPLICATION);
		List<String> uploadedNames = new CopyOnWriteArrayList<>();
		server.kill();
		try {
			DumpUploads uploads = uploads(dumps, storage(s3, "pod-a"));
			uploads.addListener(new UploadListener() {
				@Override
				public void uploaded(SavedDump dump, Duration time) {
					uploadedNames.add(dump.name());
				}
			});
			uploads.start();
			List<String> names = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				names.add(dumps.save(recorder, "t" + i, "while storage is down").name());
			}
			await(() -> uploads.status().failing());
			assertThat(uploads.pending()).isEqualTo(3);
			assertThat(uploads.status().lastFailure()).contains("127.0.0.1");
			assertThat(uploads.status().failingSince()).isNotNull();
			assertThat(dumps.list()).hasSize(3).allSatisfy((dump) -> assertThat(dump.uploaded()).isNull());

			server.restart();
			await(() -> uploadedNames.size() == names.size());
			assertThat(uploads.pending()).isZero();
			assertThat(uploads.status().failing()).isFalse();
			assertThat(uploadedNames).containsExactlyInAnyOrderElementsOf(names);
			assertThat(keys()).containsExactlyInAnyOrderElementsOf(
					names.stream().map((name) -> "flight-recorder/orders/pod-a/" + name).toList());
		}
		finally {
			ensureServerRuns();
		}
	}

	@Test
	void aLargeUploadKilledHalfwayIsRetriedToACompleteObjectAndNoPartialOneIsListed() throws Exception {
		createBucket();
		SavedDumps dumps = TickingDumps.in(this.directory, APPLICATION);
		String name = "orders-20261128T120000000Z-large.jfr";
		Path file = this.directory.resolve(name);
		byte[] content = new byte[40 * 1024 * 1024];
		new Random(42).nextBytes(content);
		Files.write(file, content);
		CountDownLatch thirdPart = new CountDownLatch(1);
		AtomicBoolean held = new AtomicBoolean();
		S3Client slowed = S3Client.builder()
			.endpointOverride(server.endpoint())
			.region(software.amazon.awssdk.regions.Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(s3.serviceClientConfiguration().credentialsProvider())
			.overrideConfiguration((config) -> config.addExecutionInterceptor(new ExecutionInterceptor() {
				@Override
				public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
					if (context.request() instanceof UploadPartRequest part && part.partNumber() == 3
							&& held.compareAndSet(false, true)) {
						thirdPart.countDown();
						sleep(Duration.ofSeconds(1));
					}
				}
			}))
			.build();
		this.closeables.add(slowed);
		S3DumpStorage storage = storage(slowed, "pod-a");
		storage.setMultipart(16 * 1024 * 1024, 5 * 1024 * 1024);
		DumpUploads uploads = uploads(dumps, storage);
		try {
			uploads.start();
			assertThat(thirdPart.await(60, TimeUnit.SECONDS)).isTrue();
			server.kill();
			await(() -> uploads.status().failing());
			assertThat(dumps.find(name).orElseThrow().uploaded()).isNull();
			server.restart();
			assertThat(keys()).isEmpty();
			await(() -> uploaded(dumps, name));
			List<S3Object> objects = s3.listObjectsV2((request) -> request.bucket(this.bucket))
				.contents()
				.stream()
				.filter((object) -> object.key().endsWith(".jfr"))
				.toList();
			assertThat(objects).singleElement().satisfies((object) -> {
				assertThat(object.key()).isEqualTo("flight-recorder/orders/pod-a/" + name);
				assertThat(object.size()).isEqualTo(content.length);
			});
			byte[] stored = s3.getObjectAsBytes((request) -> request.bucket(this.bucket).key(objects.get(0).key()))
				.asByteArray();
			assertThat(md5(stored)).isEqualTo(md5(content));
			assertThat(Files.readAllBytes(file)).isEqualTo(content);
		}
		finally {
			ensureServerRuns();
		}
	}

	@Test
	void md5ChecksumsUploadDumpsWholeAndInParts() throws Exception {
		createBucket();
		SavedDumps dumps = TickingDumps.in(this.directory, APPLICATION);
		byte[] content = new byte[12 * 1024 * 1024];
		new Random(7).nextBytes(content);
		Files.write(this.directory.resolve("orders-20261128T120000000Z-parts.jfr"), content);
		S3DumpStorage storage = storage(s3, "pod-a");
		storage.setChecksum(S3DumpStorage.Checksum.MD5);
		storage.setMultipart(10 * 1024 * 1024, 5 * 1024 * 1024);
		DumpUploads uploads = uploads(dumps, storage);
		uploads.start();
		SavedDump whole = dumps.save(recorder, "whole", "below the multipart threshold");
		await(() -> uploads.pending() == 0);
		assertThat(s3.getObjectAsBytes((request) -> request.bucket(this.bucket)
			.key("flight-recorder/orders/pod-a/orders-20261128T120000000Z-parts.jfr")).asByteArray()).isEqualTo(content);
		assertThat(s3.getObjectAsBytes((request) -> request.bucket(this.bucket)
			.key("flight-recorder/orders/pod-a/" + whole.name())).asByteArray())
			.isEqualTo(Files.readAllBytes(dumps.file(whole.name()).orElseThrow()));
	}

	@Test
	void wrongCredentialsAndAMissingBucketAreLoggedWithoutSecretsAndKeepTheDump() throws Exception {
		createBucket();
		List<String> log = new CopyOnWriteArrayList<>();
		Logger logger = Logger.getLogger(DumpUploads.class.getName());
		Handler handler = new Handler() {
			@Override
			public void publish(LogRecord record) {
				log.add(record.getLevel() + " " + record.getMessage());
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}
		};
		logger.addHandler(handler);
		logger.setLevel(Level.ALL);
		try {
			S3Client wrong = server.client("not-the-secret-credential");
			this.closeables.add(wrong);
			SavedDumps forbidden = TickingDumps.in(this.directory.resolve("forbidden"), APPLICATION);
			DumpUploads denied = uploads(forbidden, storage(wrong, "pod-a"));
			denied.start();
			SavedDump kept = forbidden.save(recorder, "slow", "with wrong credentials");
			await(() -> denied.status().failing());
			assertThat(denied.status().lastFailure()).contains("403");
			assertThat(forbidden.find(kept.name()).orElseThrow().uploaded()).isNull();
			assertThat(forbidden.file(kept.name())).isPresent();

			SavedDumps missing = TickingDumps.in(this.directory.resolve("missing"), APPLICATION);
			DumpUploads nowhere = uploads(missing,
					new S3DumpStorage(s3, "no-such-bucket-" + System.nanoTime(), "flight-recorder", APPLICATION, "pod-a"));
			nowhere.start();
			SavedDump waiting = missing.save(recorder, "slow", "into a missing bucket");
			await(() -> nowhere.status().failing());
			assertThat(nowhere.status().lastFailure()).contains("NoSuchBucket").contains("404");
			assertThat(missing.file(waiting.name())).isPresent();
			assertThat(log).anySatisfy((line) -> assertThat(line).startsWith("WARNING")
				.contains("Could not upload " + kept.name())
				.contains("403"));
			assertThat(log).anySatisfy((line) -> assertThat(line).startsWith("WARNING")
				.contains("Could not upload " + waiting.name())
				.contains("does not exist"));
			assertThat(log).noneSatisfy((line) -> assertThat(line).containsAnyOf(S3ProxyServer.CREDENTIAL,
					"not-the-secret-credential"));
			// the store's refusals differ by request id only: after the first, the retries are DEBUG
			String refused = "Could not upload " + kept.name() + " to " + denied.status().location();
			await(() -> log.stream().filter((line) -> line.contains(refused)).count() >= 4);
			assertThat(log).filteredOn((line) -> line.contains(refused))
				.filteredOn((line) -> line.startsWith("WARNING"))
				.hasSize(1);
		}
		finally {
			logger.removeHandler(handler);
			logger.setLevel(null);
		}
	}

	@Test
	void instancesAndNamesThatLeaveTheApplicationsPrefixAreNeverRead() throws Exception {
		createBucket();
		String otherApplication = "flight-recorder/payments/pod-a/payments-20261128T120000000Z-slow.jfr";
		put(otherApplication);
		put("secret.jfr");
		put("flight-recorder/orders/secret.jfr");
		put("flight-recorder/orders/pod-a/nested/orders-20261128T120000000Z-slow.jfr");
		String own = "flight-recorder/orders/pod-a/orders-20261128T120000000Z-slow.jfr";
		put(own);
		S3DumpStorage storage = storage(s3, "pod-b");

		assertThat(storage.list()).extracting(StoredDump::location).containsExactly("s3://" + this.bucket + "/" + own);
		assertThat(storage.open("orders", "pod-a", "orders-20261128T120000000Z-slow.jfr")).isPresent();
		assertThat(storage.open("orders", "..", "payments/pod-a/payments-20261128T120000000Z-slow.jfr")).isEmpty();
		assertThat(storage.open("orders", "../payments/pod-a", "payments-20261128T120000000Z-slow.jfr")).isEmpty();
		assertThat(storage.open("orders", "pod-a", "../../payments/pod-a/payments-20261128T120000000Z-slow.jfr")).isEmpty();
		assertThat(storage.open("orders", "pod-a", "payments-20261128T120000000Z-slow.jfr")).isEmpty();
		assertThat(storage.open("orders", "/etc", "passwd")).isEmpty();
		assertThat(storage.open("orders", "..", "secret.jfr")).isEmpty();
		assertThat(storage.open("orders", ".", "orders-20261128T120000000Z-slow.jfr")).isEmpty();
		assertThat(storage.open("orders", "pod-a", "nested/orders-20261128T120000000Z-slow.jfr")).isEmpty();
	}

	@Test
	void tenInstancesDumpingAtOnceIntoOneBucketKeepEveryDumpOnce() throws Exception {
		createBucket();
		List<SavedDumps> fleet = new ArrayList<>();
		List<DumpUploads> fleetUploads = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			SavedDumps dumps = TickingDumps.in(this.directory.resolve("pod-" + i), APPLICATION);
			DumpUploads uploads = uploads(dumps, storage(s3, "pod-" + i));
			uploads.start();
			fleet.add(dumps);
			fleetUploads.add(uploads);
		}
		List<String> expected = new ArrayList<>();
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < fleet.size(); i++) {
				SavedDump dump = fleet.get(i).save(recorder, "slow", "round " + round);
				expected.add("flight-recorder/orders/pod-" + i + "/" + dump.name());
			}
		}
		assertThat(expected).doesNotHaveDuplicates();
		assertThat(expected.stream().map((key) -> key.substring(key.lastIndexOf('/'))).distinct()).hasSize(3);
		for (DumpUploads uploads : fleetUploads) {
			await(() -> uploads.pending() == 0);
		}
		assertThat(keys()).containsExactlyInAnyOrderElementsOf(expected);
		List<StoredDump> listed = storage(s3, "pod-0").list();
		assertThat(listed).hasSize(30);
		assertThat(listed).extracting(StoredDump::instance).containsOnly(
				fleet.stream().map((dumps) -> "pod-" + fleet.indexOf(dumps)).toArray(String[]::new));
		assertThat(listed).allSatisfy((stored) -> assertThat(stored.trigger()).isEqualTo("slow"));
	}

	@Test
	void theMostDumpsKeptPerInstanceDeletesOnlyThatInstancesOldest() throws Exception {
		createBucket();
		String otherInstance = "flight-recorder/orders/pod-b/orders-20200101T000000000Z-slow.jfr";
		put(otherInstance);
		SavedDumps dumps = TickingDumps.in(this.directory, APPLICATION);
		S3DumpStorage storage = storage(s3, "pod-a");
		storage.setMaxCount(2);
		DumpUploads uploads = uploads(dumps, storage);
		uploads.start();
		List<String> names = new ArrayList<>();
		// hyphenated triggers that sort against time: the oldest go by their time, not their trigger
		for (String trigger : List.of("meter-d", "meter-c", "meter-b", "meter-a")) {
			String name = dumps.save(recorder, trigger, "dump " + trigger).name();
			names.add(name);
			await(() -> uploaded(dumps, name));
		}
		assertThat(keys()).containsExactlyInAnyOrder(otherInstance, "flight-recorder/orders/pod-a/" + names.get(2),
				"flight-recorder/orders/pod-a/" + names.get(3));
		assertThat(storage.list()).extracting(StoredDump::name)
			.containsExactly(names.get(3), names.get(2), "orders-20200101T000000000Z-slow.jfr");
	}

	@Test
	void closingUploadsTheDumpSavedJustBefore() throws Exception {
		createBucket();
		SavedDumps dumps = TickingDumps.in(this.directory, APPLICATION);
		DumpUploads uploads = new DumpUploads(dumps, storage(s3, "pod-a"), Duration.ofMinutes(5),
				Duration.ofMinutes(5));
		uploads.start();
		server.kill();
		try {
			SavedDump exit = dumps.save(recorder, "exit", "the application shuts down");
			await(() -> uploads.status().failing());
			server.restart();
			uploads.close(Duration.ofSeconds(30));
			assertThat(dumps.find(exit.name()).orElseThrow().uploaded()).isNotNull();
			assertThat(keys()).containsExactly("flight-recorder/orders/pod-a/" + exit.name());
		}
		finally {
			ensureServerRuns();
		}
	}

	@Test
	void aTraceIsFoundInEachInstancesDumpsWithOneListingAndOneReadPerInstance() throws Exception {
		createBucket();
		TracedObservationEvent.commit("/orders/{id}", this.trace, "00f067aa0ba902b7");
		SavedDump first = upload("orders", "pod-a");
		SavedDump second = upload("orders", "pod-b");
		upload("orders", "pod-b");
		TracedObservationEvent.commit("/payments", this.trace, "00f067aa0ba902b8");
		SavedDump payment = upload("payments", "pod-c");
		S3DumpStorage orders = storage(counted(), "orders", "pod-x");

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
		SavedDumps dumps = tracedPodA();
		SavedDump dump = dumps.save(recorder, "slow", "before trace indexes");
		storage(s3, "orders", "pod-a").upload(dump, dumps.file(dump.name()).orElseThrow(), null);
		SavedDumps looking = lookingPod();
		S3DumpStorage storage = storage(counted(), "orders", "pod-x");

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
		SavedDumps dumps = tracedPodA();
		SavedDump dump = dumps.save(recorder, "slow", "test");
		S3DumpStorage storage = storage(s3, "orders", "pod-a");
		storage.upload(dump, dumps.file(dump.name()).orElseThrow(), dumps.traceIndex(dump.name()).orElseThrow());
		s3.putObject((request) -> request.bucket(this.bucket).key("flight-recorder/orders/pod-a/index.traces"),
				RequestBody.fromString("not an index"));
		SavedDumps looking = lookingPod();
		assertThat(storage(s3, "orders", "pod-x").findTrace(TraceId.parse(this.trace), false, looking::indexCopy))
			.hasSize(1);

		SavedDump next = dumps.save(recorder, "slow", "test");
		storage.upload(next, dumps.file(next.name()).orElseThrow(), dumps.traceIndex(next.name()).orElseThrow());
		this.requests.clear();
		assertThat(storage(counted(), "orders", "pod-x").findTrace(TraceId.parse(this.trace), false, this::noIndexing))
			.extracting(StoredTraceMatch::name)
			.containsExactly(next.name(), dump.name());
		assertThat(this.requests.keySet()).doesNotContain("GetObject " + dump.name(), "GetObject " + next.name());
	}

	@Test
	void dumpsDeletedBeyondTheMostKeptTakeTheirIndexesWithThem() throws Exception {
		SavedDumps dumps = tracedPodA();
		S3DumpStorage storage = storage(s3, "orders", "pod-a");
		storage.setMaxCount(1);
		SavedDump old = dumps.save(recorder, "slow", "test");
		storage.upload(old, dumps.file(old.name()).orElseThrow(), null);
		SavedDumps looking = lookingPod();
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

	/**
	 * Returns a client that counts the requests it makes in {@link #requests}, by kind, and
	 * by the name of the object read.
	 */
	private S3Client counted() {
		S3Client client = server.client(new ExecutionInterceptor() {
			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				String what = context.request().getClass().getSimpleName().replace("Request", "");
				if (context.request() instanceof GetObjectRequest get) {
					what += " " + get.key().substring(get.key().lastIndexOf('/') + 1);
				}
				DumpUploadsToS3Tests.this.requests.computeIfAbsent(what, (key) -> new AtomicInteger()).incrementAndGet();
			}
		});
		this.closeables.add(client);
		return client;
	}

	/**
	 * Creates the bucket, commits an observation of this test's trace, and returns the saved
	 * dumps of pod-a of this application.
	 */
	private SavedDumps tracedPodA() throws InterruptedException {
		createBucket();
		TracedObservationEvent.commit("/orders/{id}", this.trace, "00f067aa0ba902b7");
		return TickingDumps.in(this.directory.resolve("pod-a"), APPLICATION);
	}

	/**
	 * Returns the saved dumps of the instance that looks up, which indexes the dumps uploaded
	 * without an index.
	 */
	private SavedDumps lookingPod() {
		return TickingDumps.in(this.directory.resolve("pod-x"), APPLICATION);
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

	private S3DumpStorage storage(S3Client client, String instance) {
		return storage(client, APPLICATION, instance);
	}

	private DumpUploads uploads(SavedDumps dumps, DumpStorage storage) {
		DumpUploads uploads = new DumpUploads(dumps, storage, Duration.ofMillis(100), Duration.ofMillis(500));
		this.closeables.add(0, uploads);
		return uploads;
	}

	private void createBucket() {
		s3.createBucket((request) -> request.bucket(this.bucket));
	}

	private void put(String key) {
		s3.putObject((request) -> request.bucket(this.bucket).key(key), RequestBody.fromString(key));
	}

	/**
	 * Returns the keys of the dumps in the bucket, less the indexes of their trace IDs.
	 */
	private List<String> keys() {
		return s3.listObjectsV2Paginator((request) -> request.bucket(this.bucket))
			.contents()
			.stream()
			.map(S3Object::key)
			.filter((key) -> !key.endsWith(".traces"))
			.toList();
	}

	private static boolean uploaded(SavedDumps dumps, String name) throws IOException {
		return dumps.find(name).orElseThrow().uploaded() != null;
	}

	private static void ensureServerRuns() throws IOException, InterruptedException {
		try {
			s3.listBuckets();
		}
		catch (RuntimeException ex) {
			server.restart();
		}
	}

	private static String md5(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
	}

	private static void await(Check check) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!check.holds()) {
			assertThat(System.nanoTime()).as("waited 60 s").isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@FunctionalInterface
	private interface Check {

		boolean holds() throws Exception;

	}

}

package io.flightrecorder.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.dump.TraceId;
import io.flightrecorder.dump.TraceIndex;
import io.flightrecorder.dump.TracedObservation;
import io.flightrecorder.internal.FileNames;
import io.flightrecorder.internal.ProcessToken;
import io.flightrecorder.storage.DumpStorage;
import io.flightrecorder.storage.StoredDump;
import io.flightrecorder.storage.StoredTraceMatch;
import io.flightrecorder.storage.TraceIndexer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link DumpStorage} on an S3-compatible bucket. A dump is the object
 * {@code <prefix>/<application>/<instance>/<dump name>}; its metadata holds the application,
 * instance, trigger, reason, time, JDK version and settings, so that a listing reads no
 * dump. Each instance keeps the {@link TraceIndex} of all its dumps in one object,
 * {@code <prefix>/<application>/<instance>/index.traces}, rewritten with each upload, so that
 * a lookup by trace ID lists the bucket once and reads one object per instance; a dump
 * uploaded without one (by an earlier version) is indexed by the first lookup, which keeps
 * its index beside it as {@code <dump name>.traces}. Uploads stream from disk, one part at a time above the multipart threshold, and
 * send each request's checksum (CRC32C, or MD5) for the store to verify before it accepts the
 * bytes; heap use does not grow with a dump's size.
 * <p>
 * Only keys of the form above, under the prefix and the application, are ever read, written
 * or deleted: an instance or a name that is not a single safe path segment, or a name that is
 * not of a dump of this application, is unknown.
 */
public final class S3DumpStorage implements DumpStorage {

	private static final System.Logger logger = System.getLogger(S3DumpStorage.class.getName());

	/**
	 * The name of an instance's index of the trace IDs of all its dumps.
	 */
	static final String INDEX = "index.traces";

	/**
	 * What the name of a dump's own index of trace IDs ends with.
	 */
	static final String DUMP_INDEX_SUFFIX = ".traces";

	private static final String ANY_APPLICATION = "*";

	private final S3Client s3;

	private final String bucket;

	/**
	 * {@code <prefix>/<application>/}, or {@code <application>/} without a prefix.
	 */
	private final String applicationKey;

	/**
	 * {@code <prefix>/}, or empty without a prefix.
	 */
	private final String prefixKey;

	private Set<String> otherApplications = Set.of();

	private final String application;

	private final String instance;

	private final ObjectUpload upload;

	private int maxCount;

	/**
	 * Creates the storage of an application's dumps in a bucket.
	 * @param s3 the client, closed by its owner
	 * @param bucket the bucket, which must exist
	 * @param prefix the first part of every key, such as {@code flight-recorder}; may be
	 * empty
	 * @param application the application's name
	 * @param instance this instance's name, unique among the application's instances, such
	 * as the host name
	 */
	public S3DumpStorage(S3Client s3, String bucket, String prefix, String application, String instance) {
		String trimmed = prefix.replaceAll("^/+|/+$", "");
		this.s3 = s3;
		this.bucket = bucket;
		this.application = FileNames.safeName(application);
		this.prefixKey = trimmed.isEmpty() ? "" : trimmed + "/";
		this.applicationKey = this.prefixKey + this.application + "/";
		this.instance = FileNames.safeName(instance);
		this.upload = new ObjectUpload(s3, bucket);
	}

	/**
	 * Sets the server-side encryption the bucket applies to each dump; none is asked for by
	 * default, which leaves it to the bucket's default encryption.
	 * @param algorithm {@code AES256}, {@code aws:kms} or {@code aws:kms:dsse}
	 * @param kmsKeyId the KMS key for {@code aws:kms}, or {@code null} for the account's
	 * default key
	 */
	public void setServerSideEncryption(String algorithm, @Nullable String kmsKeyId) {
		this.upload.setServerSideEncryption(algorithm, kmsKeyId);
	}

	/**
	 * Sets the checksum sent with each upload request for the store to verify: CRC32C by
	 * default, which S3's additional checksums verify and costs little to compute; MD5
	 * ({@code Content-MD5}) for the stores without them, at the cost of a slower pass over the
	 * dump.
	 * @param checksum the checksum
	 */
	public void setChecksum(Checksum checksum) {
		this.upload.setChecksum(checksum);
	}

	/**
	 * Sets the size from which a dump is uploaded in parts, and the size of a part. Defaults:
	 * 100 MiB, from which AWS advises multipart uploads, and 16 MiB.
	 * @param threshold the smallest dump uploaded in parts
	 * @param partSize the size of each part but the last, at least 5 MiB (S3's minimum)
	 */
	public void setMultipart(long threshold, long partSize) {
		this.upload.setMultipart(threshold, partSize);
	}

	/**
	 * Sets how many dumps of this instance the bucket keeps: after each upload, the oldest
	 * beyond it are deleted. Unlimited by default (0); a bucket lifecycle rule is the usual
	 * way to expire dumps.
	 * @param maxCount the most dumps kept per instance, or 0 for no limit
	 */
	public void setMaxCount(int maxCount) {
		if (maxCount < 0) {
			throw new IllegalArgumentException("The most dumps kept (" + maxCount + ") must not be negative");
		}
		this.maxCount = maxCount;
	}

	/**
	 * Sets the other applications, sharing this one's bucket and prefix, whose dumps a lookup
	 * by trace ID may find and this storage may serve; none by default.
	 * @param applications their names, or {@code *} for every application under the prefix
	 */
	public void setOtherApplications(Collection<String> applications) {
		this.otherApplications = applications.stream()
			.map((name) -> name.equals(ANY_APPLICATION) ? name : FileNames.safeName(name))
			.collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public boolean searches(String application) {
		return application.equals(this.application) || (isSegment(application)
				&& (this.otherApplications.contains(ANY_APPLICATION) || this.otherApplications.contains(application)));
	}

	@Override
	public String location() {
		return address(instanceKey(this.application, this.instance));
	}

	/**
	 * Uploads the dump after this instance's index of trace IDs, rewritten with the dump's
	 * index in it and without those of dumps no longer stored: an index that covers a dump
	 * not (yet) stored is harmless, as a lookup reads only the indexes of the dumps it lists.
	 */
	@Override
	public String upload(SavedDump dump, Path file, @Nullable Path traceIndex) throws IOException {
		String key = instanceKey(this.application, this.instance) + dump.name();
		try {
			if (traceIndex != null) {
				uploadIndex(dump.name(), traceIndex);
			}
			this.upload.put(key, file, metadata(dump));
		}
		catch (SdkClientException ex) {
			throw diagnosed(ex);
		}
		if (this.maxCount > 0) {
			deleteBeyondMaxCount(key);
		}
		return address(key);
	}

	/**
	 * Rewrites this instance's index of trace IDs: those of the dumps it holds that are still
	 * stored, and the given dump's. One that cannot be read is started anew: the dumps it
	 * covered are then indexed by the next lookup.
	 */
	private void uploadIndex(String name, Path traceIndex) throws IOException {
		String indexKey = instanceKey(this.application, this.instance) + INDEX;
		Set<String> stored = dumps(instanceKey(this.application, this.instance)).stream()
			.map(DumpObject::name)
			.collect(Collectors.toSet());
		Path part = Files.createTempFile(traceIndex.toAbsolutePath().getParent(),
				"." + name + "-" + ProcessToken.CURRENT + "-", ".part");
		try {
			try {
				writeIndex(part, traceIndex, indexKey, (dump) -> stored.contains(dump) && !dump.equals(name));
			}
			catch (IOException ex) {
				logger.log(System.Logger.Level.WARNING, "The index of trace IDs " + address(indexKey)
						+ " cannot be read; writing it anew: " + ex.getMessage());
				writeIndex(part, traceIndex, null, (dump) -> false);
			}
			this.upload.put(indexKey, part, Map.of());
		}
		finally {
			Files.deleteIfExists(part);
		}
	}

	/**
	 * Writes to a file the kept dumps of the stored index, if there is one, then those of a
	 * dump's own index.
	 */
	private void writeIndex(Path file, Path traceIndex, @Nullable String storedKey, Predicate<String> keep)
			throws IOException {
		try (OutputStream out = Files.newOutputStream(file); TraceIndex.Merger merger = TraceIndex.merger(out)) {
			if (storedKey != null) {
				try (InputStream in = this.s3.getObject((request) -> request.bucket(this.bucket).key(storedKey))) {
					merger.add(in, keep);
				}
				catch (NoSuchKeyException ex) {
					// no dump indexed yet
				}
			}
			try (InputStream in = Files.newInputStream(traceIndex)) {
				merger.add(in, (dump) -> true);
			}
		}
	}

	/**
	 * Returns a refusal of the store by its HTTP status alone: its message carries a new
	 * request id at every attempt, and the same refusal comes as an {@link S3Exception} or,
	 * when the store closed the connection before reading the body, as the diagnosis of
	 * {@link #diagnosed} (whose HEAD request has no error code).
	 */
	@Override
	public String failureKind(Exception failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			AwsServiceException refusal = refusal(cause);
			if (refusal != null) {
				return "refused " + refusal.statusCode();
			}
		}
		return DumpStorage.super.failureKind(failure);
	}

	private static @Nullable AwsServiceException refusal(Throwable failure) {
		if (failure instanceof AwsServiceException refusal) {
			return refusal;
		}
		for (Throwable suppressed : failure.getSuppressed()) {
			if (suppressed instanceof AwsServiceException refusal) {
				return refusal;
			}
		}
		return null;
	}

	/**
	 * Returns why an upload failed on the client's side, such as a broken pipe: a store may
	 * refuse a request before it has read its body (a missing bucket, denied access) and
	 * close the connection, so the bucket is asked whether it is there and may be written.
	 */
	private IOException diagnosed(SdkClientException failure) {
		try {
			this.s3.headBucket((request) -> request.bucket(this.bucket));
		}
		catch (NoSuchBucketException ex) {
			failure.addSuppressed(ex);
			return new IOException("The bucket '" + this.bucket + "' does not exist (NoSuchBucket, 404)", failure);
		}
		catch (S3Exception ex) {
			failure.addSuppressed(ex);
			return new IOException("The bucket '" + this.bucket + "' refused access (" + ex.statusCode()
					+ "): check the credentials and the bucket's policy", failure);
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
		return new IOException(failure.getMessage(), failure);
	}

	/**
	 * Deletes this instance's oldest dumps beyond the most kept. A failure is logged: the
	 * upload itself succeeded.
	 */
	private void deleteBeyondMaxCount(String uploaded) {
		try {
			List<DumpObject> dumps = dumps(instanceKey(this.application, this.instance));
			for (DumpObject dump : dumps.subList(Math.min(this.maxCount, dumps.size()), dumps.size())) {
				String key = dump.object().key();
				if (!key.equals(uploaded)) {
					this.s3.deleteObject((request) -> request.bucket(this.bucket).key(key));
					this.s3.deleteObject((request) -> request.bucket(this.bucket).key(key + DUMP_INDEX_SUFFIX));
				}
			}
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "Could not delete the dumps beyond the most kept ("
					+ this.maxCount + ") in " + location() + ": " + ex.getMessage());
		}
	}

	@Override
	public List<StoredDump> list() {
		List<StoredDump> dumps = new ArrayList<>();
		for (DumpObject dump : dumps(this.applicationKey)) {
			HeadObjectResponse head;
			try {
				head = this.s3.headObject((request) -> request.bucket(this.bucket).key(dump.object().key()));
			}
			catch (NoSuchKeyException ex) {
				continue;
			}
			dumps.add(stored(dump.instance(), dump.name(), dump.object(), head.metadata()));
		}
		return dumps;
	}

	@Override
	public Optional<Download> open(String application, String instance, String name) {
		if (!searches(application) || !isSegment(instance) || SavedDumps.savedAt(application, name).isEmpty()) {
			return Optional.empty();
		}
		String key = instanceKey(application, instance) + name;
		ResponseInputStream<GetObjectResponse> stream;
		try {
			stream = this.s3.getObject((request) -> request.bucket(this.bucket).key(key));
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty();
		}
		Long size = stream.response().contentLength();
		if (size == null) {
			stream.abort();
			throw new IllegalStateException("The storage answered the download of " + key + " without a Content-Length: "
					+ "it is not S3-compatible enough to serve dumps from");
		}
		return Optional.of(new Download(stream, size));
	}

	/**
	 * Lists the bucket once, under this application or, for other applications too, under
	 * the prefix; then reads the index of each instance, and the index of each dump that its
	 * instance's index does not cover, indexing those that have none.
	 */
	@Override
	public List<StoredTraceMatch> findTrace(TraceId id, boolean otherApplications, TraceIndexer indexer) {
		Map<String, Instance> instances = new TreeMap<>();
		String root = otherApplications ? this.prefixKey : this.applicationKey;
		for (S3Object object : this.s3.listObjectsV2Paginator((request) -> request.bucket(this.bucket).prefix(root))
			.contents()) {
			String[] segments = object.key().substring(this.prefixKey.length()).split("/", -1);
			if (segments.length == 3 && searches(segments[0]) && isSegment(segments[1])) {
				instances.computeIfAbsent(segments[0] + "/" + segments[1], (key) -> new Instance(segments[0], segments[1]))
					.add(object, segments[2]);
			}
		}
		List<StoredTraceMatch> matches = new ArrayList<>();
		for (Instance instance : instances.values()) {
			instance.find(id, indexer, matches);
		}
		matches.sort(Comparator.comparing((StoredTraceMatch match) -> SavedDumps
			.savedAt(match.application(), match.name())
			.orElse(Instant.EPOCH)).reversed());
		return matches;
	}

	/**
	 * Returns the observations of a trace in a stored index, by dump; none if it cannot be
	 * read, which is logged.
	 */
	private Map<String, List<TracedObservation>> findInIndex(String key, TraceId id) {
		try (InputStream in = this.s3.getObject((request) -> request.bucket(this.bucket).key(key))) {
			return TraceIndex.find(in, id);
		}
		catch (NoSuchKeyException ex) {
			return Map.of();
		}
		catch (IOException ex) {
			logger.log(System.Logger.Level.WARNING, "Cannot read the index of trace IDs " + address(key)
					+ "; its dumps are indexed again: " + ex.getMessage());
			return Map.of();
		}
	}

	/**
	 * Indexes a stored dump that has no index that can be read, and stores its index beside
	 * it, so that it is indexed once; if it cannot be stored (an instance that may only read
	 * the bucket), that is logged and the lookup goes on.
	 */
	private Map<String, List<TracedObservation>> indexDump(String application, String instance, String name,
			TraceId id, TraceIndexer indexer) {
		Optional<Download> download = open(application, instance, name);
		if (download.isEmpty()) {
			return Map.of();
		}
		Path index;
		try (InputStream in = download.get().stream()) {
			index = indexer.index(name, in, download.get().size());
		}
		catch (IOException ex) {
			logger.log(System.Logger.Level.WARNING, "Left the dump " + name + " of " + application + "/" + instance
					+ " out of the lookup of trace " + id + ": it could not be indexed (" + ex + ")");
			return Map.of();
		}
		String key = instanceKey(application, instance) + name + DUMP_INDEX_SUFFIX;
		try {
			this.upload.put(key, index, Map.of());
		}
		catch (IOException | RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "Could not store the index of trace IDs " + address(key)
					+ "; the next lookup indexes the dump again: " + ex.getMessage());
		}
		try (InputStream in = Files.newInputStream(index)) {
			return TraceIndex.find(in, id);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			try {
				Files.deleteIfExists(index);
			}
			catch (IOException ex) {
				logger.log(System.Logger.Level.WARNING, "Could not delete " + index + ": " + ex);
			}
		}
	}

	/**
	 * The objects of one instance of an application, as one listing shows them.
	 */
	private final class Instance {

		private final String application;

		private final String instance;

		private final Map<String, S3Object> dumps = new LinkedHashMap<>();

		private final Set<String> dumpIndexes = new HashSet<>();

		private boolean indexed;

		Instance(String application, String instance) {
			this.application = application;
			this.instance = instance;
		}

		void add(S3Object object, String name) {
			if (name.equals(INDEX)) {
				this.indexed = true;
			}
			else if (name.endsWith(DUMP_INDEX_SUFFIX)) {
				this.dumpIndexes.add(name.substring(0, name.length() - DUMP_INDEX_SUFFIX.length()));
			}
			else if (SavedDumps.savedAt(this.application, name).isPresent()) {
				this.dumps.put(name, object);
			}
		}

		void find(TraceId id, TraceIndexer indexer, List<StoredTraceMatch> matches) {
			String key = instanceKey(this.application, this.instance);
			Map<String, List<TracedObservation>> found = new HashMap<>(
					this.indexed ? findInIndex(key + INDEX, id) : Map.of());
			this.dumps.forEach((name, object) -> {
				List<TracedObservation> observations = found.get(name);
				if (observations == null && this.dumpIndexes.contains(name)) {
					observations = findInIndex(key + name + DUMP_INDEX_SUFFIX, id).get(name);
				}
				if (observations == null) {
					observations = indexDump(this.application, this.instance, name, id, indexer).get(name);
				}
				if (observations != null && !observations.isEmpty()) {
					matches.add(new StoredTraceMatch(this.application, this.instance, name, address(object.key()),
							object.size(), observations));
				}
			});
		}

	}

	/**
	 * Lists the dumps of this application under a prefix, newest first, by the time in their
	 * names; any other object is left out.
	 */
	private List<DumpObject> dumps(String prefix) {
		List<DumpObject> dumps = new ArrayList<>();
		for (S3Object object : this.s3.listObjectsV2Paginator((request) -> request.bucket(this.bucket).prefix(prefix))
			.contents()) {
			DumpObject dump = dump(object);
			if (dump != null) {
				dumps.add(dump);
			}
		}
		dumps.sort(Comparator.comparing(DumpObject::savedAt).reversed());
		return dumps;
	}

	private String instanceKey(String application, String instance) {
		return this.prefixKey + application + "/" + instance + "/";
	}

	/**
	 * Returns the object as a dump of this application, or null if its key is not that of
	 * one.
	 */
	private @Nullable DumpObject dump(S3Object object) {
		String key = object.key();
		if (!key.startsWith(this.applicationKey)) {
			return null;
		}
		String[] segments = key.substring(this.applicationKey.length()).split("/", -1);
		if (segments.length != 2 || !isSegment(segments[0])) {
			return null;
		}
		return SavedDumps.savedAt(this.application, segments[1])
			.map((savedAt) -> new DumpObject(object, segments[0], segments[1], savedAt))
			.orElse(null);
	}

	private static boolean isSegment(String text) {
		return !text.isEmpty() && !text.startsWith(".") && FileNames.safeName(text).equals(text);
	}

	private String address(String key) {
		return "s3://" + this.bucket + "/" + key;
	}

	private Map<String, String> metadata(SavedDump dump) {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("application", this.application);
		metadata.put("instance", this.instance);
		metadata.put("trigger", dump.trigger());
		metadata.put("time", dump.time().toString());
		metadata.put("jdk", System.getProperty("java.runtime.version", "unknown"));
		if (dump.settings() != null) {
			metadata.put("settings", MetadataText.encode(dump.settings(), 256));
		}
		metadata.put("reason", MetadataText.encode(dump.reason(), 1024));
		return metadata;
	}

	private StoredDump stored(String instance, String name, S3Object object, Map<String, String> metadata) {
		String settings = metadata.get("settings");
		String reason = metadata.get("reason");
		return new StoredDump(instance, name, address(object.key()), object.size(),
				object.lastModified(), metadata.get("trigger"), (reason != null) ? MetadataText.decode(reason) : null,
				instant(metadata.get("time")), metadata.get("jdk"),
				(settings != null) ? MetadataText.decode(settings) : null);
	}

	/**
	 * A listed object that is a dump of this application, with what its key says: its
	 * instance, its name, and when it was saved, parsed once.
	 */
	private record DumpObject(S3Object object, String instance, String name, Instant savedAt) {

	}

	/**
	 * The checksum that the store verifies before it accepts an upload's bytes.
	 */
	public enum Checksum {

		/**
		 * CRC32C, as {@code x-amz-checksum-crc32c}: AWS S3, MinIO, Cloudflare R2, Ceph 19 and
		 * later.
		 */
		CRC32C,

		/**
		 * MD5, as {@code Content-MD5}: every S3-compatible store, Google Cloud Storage's S3
		 * interface and older Ceph included.
		 */
		MD5

	}

	private static @Nullable Instant instant(@Nullable String text) {
		try {
			return (text != null) ? Instant.parse(text) : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}

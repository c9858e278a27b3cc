package io.flightrecorder.s3;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.internal.FileNames;
import io.flightrecorder.storage.DumpStorage;
import io.flightrecorder.storage.StoredDump;
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
 * dump. Uploads stream from disk, one part at a time above the multipart threshold, and
 * send each request's checksum (CRC32C, or MD5) for the store to verify before it accepts the
 * bytes; heap use does not grow with a dump's size.
 * <p>
 * Only keys of the form above, under the prefix and the application, are ever read, written
 * or deleted: an instance or a name that is not a single safe path segment, or a name that is
 * not of a dump of this application, is unknown.
 */
public final class S3DumpStorage implements DumpStorage {

	private static final System.Logger logger = System.getLogger(S3DumpStorage.class.getName());

	private final S3Client s3;

	private final String bucket;

	/**
	 * {@code <prefix>/<application>/}, or {@code <application>/} without a prefix.
	 */
	private final String applicationKey;

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
		this.applicationKey = (trimmed.isEmpty() ? "" : trimmed + "/") + this.application + "/";
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

	@Override
	public String location() {
		return address(instanceKey(this.instance));
	}

	@Override
	public String upload(SavedDump dump, Path file) throws IOException {
		String key = instanceKey(this.instance) + dump.name();
		try {
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
			List<DumpObject> dumps = dumps(instanceKey(this.instance));
			for (DumpObject dump : dumps.subList(Math.min(this.maxCount, dumps.size()), dumps.size())) {
				String key = dump.object().key();
				if (!key.equals(uploaded)) {
					this.s3.deleteObject((request) -> request.bucket(this.bucket).key(key));
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
	public Optional<Download> open(String instance, String name) {
		if (!isSegment(instance) || SavedDumps.savedAt(this.application, name).isEmpty()) {
			return Optional.empty();
		}
		String key = instanceKey(instance) + name;
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

	private String instanceKey(String instance) {
		return this.applicationKey + instance + "/";
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

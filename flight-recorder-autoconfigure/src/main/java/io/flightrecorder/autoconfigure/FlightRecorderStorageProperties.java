package io.flightrecorder.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import io.flightrecorder.s3.S3DumpStorage;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the upload of saved dumps to an S3-compatible bucket, under the
 * {@code flight-recorder.storage} prefix. Uploads are on when a bucket is set and the AWS
 * SDK's S3 client is on the class path.
 */
@ConfigurationProperties("flight-recorder.storage")
public class FlightRecorderStorageProperties {

	/**
	 * What a bucket's name can be, in S3 and the stores compatible with it: 3 to 255
	 * letters, digits, dots, hyphens and underscores (uppercase and underscores only in
	 * buckets of long ago), starting with a letter or a digit. A comma, a space or a slash
	 * is a mistake, such as a property given twice.
	 */
	private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,254}");

	private static final List<String> ENCRYPTIONS = List.of("AES256", "aws:kms", "aws:kms:dsse");

	/**
	 * Bucket the saved dumps are uploaded to: the name of an existing bucket, 3 to 255
	 * letters, digits, dots, hyphens or underscores, such as flight-recorder-dumps. Setting it
	 * turns uploads on.
	 */
	private @Nullable String bucket;

	/**
	 * First part of every key: dumps are kept as '<prefix>/<application>/<instance>/<dump
	 * name>'. May be empty.
	 */
	private String prefix = "flight-recorder";

	/**
	 * Name of this instance in the keys, unique among the application's instances and
	 * stable for the life of the process. Defaults to the host name: in Kubernetes, the
	 * pod's name.
	 */
	private @Nullable String instance;

	/**
	 * Other applications, sharing this one's bucket and prefix, whose dumps this one's
	 * endpoint may find by trace ID ('?scope=fleet&traceId=...&applications=all') and serve:
	 * their names (spring.application.name), or '*' for every application under the prefix.
	 * None by default: a lookup covers this application's dumps only.
	 */
	private List<String> searchApplications = List.of();

	/**
	 * Server-side encryption asked for on each dump: 'AES256', 'aws:kms' or 'aws:kms:dsse'.
	 * By default none is asked for, which leaves it to the bucket's default encryption.
	 */
	private @Nullable String serverSideEncryption;

	/**
	 * KMS key for 'aws:kms' server-side encryption; the account's default key when not set.
	 */
	private @Nullable String kmsKeyId;

	/**
	 * Checksum sent with each upload for the store to verify: 'crc32c', which AWS S3, MinIO,
	 * Cloudflare R2 and Ceph 19+ verify, or 'md5' for stores without S3's additional checksums
	 * (Google Cloud Storage's S3 interface, older Ceph).
	 */
	private S3DumpStorage.Checksum checksum = S3DumpStorage.Checksum.CRC32C;

	/**
	 * Most dumps of this instance kept in the bucket: after each upload, the oldest beyond
	 * it are deleted. 0, the default, keeps all; a bucket lifecycle rule is the usual way to
	 * expire dumps. Must not be negative.
	 */
	private int maxCount;

	/**
	 * Size from which a dump is uploaded in parts, each sent and verified on its own; below
	 * it, in one request.
	 */
	private DataSize multipartThreshold = DataSize.ofMegabytes(100);

	/**
	 * Size of each part of a dump uploaded in parts; at least 5MB, S3's minimum.
	 */
	private DataSize partSize = DataSize.ofMegabytes(16);

	/**
	 * Wait before the first retry of a failed upload; it doubles with each failure up to the
	 * maximum retry interval. A newly saved dump is tried at once. Must be positive.
	 */
	private Duration retryInterval = Duration.ofSeconds(1);

	/**
	 * Longest wait between retries of a failed upload. Must be positive.
	 */
	private Duration maxRetryInterval = Duration.ofMinutes(5);

	/**
	 * How long the uploads may go on at shutdown, after the exit dump is written; what is not
	 * uploaded then is uploaded at the next start. Must not be negative.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(10);

	public @Nullable String getBucket() {
		return this.bucket;
	}

	public void setBucket(@Nullable String bucket) {
		if (bucket != null && !BUCKET.matcher(bucket).matches()) {
			throw new IllegalArgumentException("'" + bucket + "' cannot be a bucket's name");
		}
		this.bucket = bucket;
	}

	public String getPrefix() {
		return this.prefix;
	}

	public void setPrefix(String prefix) {
		this.prefix = prefix;
	}

	public @Nullable String getInstance() {
		return this.instance;
	}

	public void setInstance(@Nullable String instance) {
		this.instance = instance;
	}

	public List<String> getSearchApplications() {
		return this.searchApplications;
	}

	public void setSearchApplications(List<String> searchApplications) {
		this.searchApplications = searchApplications;
	}

	public @Nullable String getServerSideEncryption() {
		return this.serverSideEncryption;
	}

	public void setServerSideEncryption(@Nullable String serverSideEncryption) {
		if (serverSideEncryption != null && !ENCRYPTIONS.contains(serverSideEncryption)) {
			throw new IllegalArgumentException("must be one of " + ENCRYPTIONS + ", but was " + serverSideEncryption);
		}
		this.serverSideEncryption = serverSideEncryption;
	}

	public @Nullable String getKmsKeyId() {
		return this.kmsKeyId;
	}

	public void setKmsKeyId(@Nullable String kmsKeyId) {
		this.kmsKeyId = kmsKeyId;
	}

	public S3DumpStorage.Checksum getChecksum() {
		return this.checksum;
	}

	public void setChecksum(S3DumpStorage.Checksum checksum) {
		this.checksum = checksum;
	}

	public int getMaxCount() {
		return this.maxCount;
	}

	public void setMaxCount(int maxCount) {
		this.maxCount = PropertyValues.notNegative(maxCount);
	}

	public DataSize getMultipartThreshold() {
		return this.multipartThreshold;
	}

	public void setMultipartThreshold(DataSize multipartThreshold) {
		this.multipartThreshold = PropertyValues.positive(multipartThreshold);
	}

	public DataSize getPartSize() {
		return this.partSize;
	}

	public void setPartSize(DataSize partSize) {
		if (partSize.toBytes() < DataSize.ofMegabytes(5).toBytes()) {
			throw new IllegalArgumentException("must be at least 5MB, S3's minimum, but was " + partSize);
		}
		this.partSize = partSize;
	}

	public Duration getRetryInterval() {
		return this.retryInterval;
	}

	public void setRetryInterval(Duration retryInterval) {
		this.retryInterval = PropertyValues.positive(retryInterval);
	}

	public Duration getMaxRetryInterval() {
		return this.maxRetryInterval;
	}

	public void setMaxRetryInterval(Duration maxRetryInterval) {
		this.maxRetryInterval = PropertyValues.positive(maxRetryInterval);
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = PropertyValues.notNegative(shutdownTimeout);
	}

}

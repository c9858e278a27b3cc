package io.flightrecorder.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Writes a file to an object of a bucket, streamed from disk: one {@code PutObject} below the
 * multipart threshold, else a multipart upload of parts read one at a time, which is aborted
 * if any part fails, so that no partial object is ever listed. Each request carries the MD5
 * digest of its bytes ({@code Content-MD5}), which every S3-compatible store verifies before
 * it accepts them.
 */
final class ObjectUpload {

	private static final long MIN_PART_SIZE = 5L * 1024 * 1024;

	private static final String CONTENT_TYPE = "application/octet-stream";

	private final S3Client s3;

	private final String bucket;

	private long threshold = 32L * 1024 * 1024;

	private long partSize = 8L * 1024 * 1024;

	private @Nullable String encryption;

	private @Nullable String kmsKeyId;

	ObjectUpload(S3Client s3, String bucket) {
		this.s3 = s3;
		this.bucket = bucket;
	}

	void setServerSideEncryption(String algorithm, @Nullable String kmsKeyId) {
		if (ServerSideEncryption.fromValue(algorithm) == ServerSideEncryption.UNKNOWN_TO_SDK_VERSION) {
			throw new IllegalArgumentException("Unknown server-side encryption '" + algorithm + "'; known: "
					+ ServerSideEncryption.knownValues());
		}
		this.encryption = algorithm;
		this.kmsKeyId = kmsKeyId;
	}

	void setMultipart(long threshold, long partSize) {
		if (partSize < MIN_PART_SIZE || threshold < 1) {
			throw new IllegalArgumentException("A part (" + partSize + " bytes) must be at least 5 MiB and the"
					+ " multipart threshold (" + threshold + " bytes) positive");
		}
		this.threshold = threshold;
		this.partSize = partSize;
	}

	void put(String key, Path file, Map<String, String> metadata) throws IOException {
		long size;
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			size = channel.size();
		}
		if (size < this.threshold) {
			PutObjectRequest.Builder request = PutObjectRequest.builder()
				.bucket(this.bucket)
				.key(key)
				.contentType(CONTENT_TYPE)
				.contentLength(size)
				.contentMD5(md5(file, 0, size))
				.metadata(metadata);
			if (this.encryption != null) {
				request.serverSideEncryption(this.encryption).ssekmsKeyId(this.kmsKeyId);
			}
			this.s3.putObject(request.build(), body(file, 0, size));
		}
		else {
			putInParts(key, file, size, metadata);
		}
	}

	private void putInParts(String key, Path file, long size, Map<String, String> metadata) throws IOException {
		CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder()
			.bucket(this.bucket)
			.key(key)
			.contentType(CONTENT_TYPE)
			.metadata(metadata);
		if (this.encryption != null) {
			create.serverSideEncryption(this.encryption).ssekmsKeyId(this.kmsKeyId);
		}
		String uploadId = this.s3.createMultipartUpload(create.build()).uploadId();
		try {
			List<CompletedPart> parts = new ArrayList<>();
			for (long offset = 0; offset < size; offset += this.partSize) {
				long length = Math.min(this.partSize, size - offset);
				int number = parts.size() + 1;
				String md5 = md5(file, offset, length);
				String eTag = this.s3
					.uploadPart((request) -> request.bucket(this.bucket)
						.key(key)
						.uploadId(uploadId)
						.partNumber(number)
						.contentLength(length)
						.contentMD5(md5), body(file, offset, length))
					.eTag();
				parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
			}
			this.s3.completeMultipartUpload((request) -> request.bucket(this.bucket)
				.key(key)
				.uploadId(uploadId)
				.multipartUpload((upload) -> upload.parts(parts)));
		}
		catch (IOException | RuntimeException ex) {
			try {
				this.s3.abortMultipartUpload((request) -> request.bucket(this.bucket).key(key).uploadId(uploadId));
			}
			catch (RuntimeException abortFailure) {
				ex.addSuppressed(abortFailure);
			}
			throw ex;
		}
	}

	/**
	 * Returns a body of a range of the file, opened anew each time the client reads it (once
	 * more for each retry).
	 */
	private static RequestBody body(Path file, long offset, long length) {
		return RequestBody.fromContentProvider(() -> {
			try {
				return range(file, offset, length);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}, length, CONTENT_TYPE);
	}

	private static String md5(Path file, long offset, long length) throws IOException {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("No MD5 in this JVM", ex);
		}
		byte[] buffer = new byte[64 * 1024];
		try (InputStream in = range(file, offset, length)) {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				digest.update(buffer, 0, read);
			}
		}
		return Base64.getEncoder().encodeToString(digest.digest());
	}

	/**
	 * Opens a stream of a range of the file: {@code length} bytes from {@code offset}.
	 */
	private static InputStream range(Path file, long offset, long length) throws IOException {
		FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
		try {
			channel.position(offset);
			return new RangeInputStream(Channels.newInputStream(channel), length);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	/**
	 * A stream that ends after a number of bytes of another.
	 */
	private static final class RangeInputStream extends InputStream {

		private final InputStream in;

		private long left;

		RangeInputStream(InputStream in, long length) {
			this.in = in;
			this.left = length;
		}

		@Override
		public int read() throws IOException {
			if (this.left <= 0) {
				return -1;
			}
			int read = this.in.read();
			if (read >= 0) {
				this.left--;
			}
			return read;
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			if (this.left <= 0) {
				return -1;
			}
			int read = this.in.read(bytes, offset, (int) Math.min(length, this.left));
			if (read > 0) {
				this.left -= read;
			}
			return read;
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

}

package io.flightrecorder.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Writes a file to an object of a bucket, streamed from disk: one {@code PutObject} below the
 * multipart threshold, else a multipart upload of parts read one at a time, which is aborted
 * if any part fails, so that no partial object is ever listed. Each request carries the
 * checksum of its bytes, computed in a pass over them before it is sent, which the store
 * verifies before it accepts them: CRC32C ({@code x-amz-checksum-crc32c}), or MD5
 * ({@code Content-MD5}) for stores without S3's additional checksums.
 */
final class ObjectUpload {

	private static final long MIN_PART_SIZE = 5L * 1024 * 1024;

	private static final String CONTENT_TYPE = "application/octet-stream";

	private final S3Client s3;

	private final String bucket;

	private long threshold = 100L * 1024 * 1024;

	private long partSize = 16L * 1024 * 1024;

	private @Nullable String encryption;

	private @Nullable String kmsKeyId;

	private S3DumpStorage.Checksum checksum = S3DumpStorage.Checksum.CRC32C;

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

	void setChecksum(S3DumpStorage.Checksum checksum) {
		this.checksum = checksum;
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
		long size = Files.size(file);
		if (size < this.threshold) {
			PutObjectRequest.Builder request = PutObjectRequest.builder()
				.bucket(this.bucket)
				.key(key)
				.contentType(CONTENT_TYPE)
				.contentLength(size)
				.metadata(metadata);
			String digest = digest(file, 0, size);
			if (this.checksum == S3DumpStorage.Checksum.MD5) {
				request.contentMD5(digest);
			}
			else {
				request.checksumCRC32C(digest);
			}
			if (this.encryption != null) {
				request.serverSideEncryption(this.encryption).ssekmsKeyId(this.kmsKeyId);
			}
			this.s3.putObject(request.build(), RequestBody.fromFile(file));
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
		if (this.checksum == S3DumpStorage.Checksum.CRC32C) {
			create.checksumAlgorithm(ChecksumAlgorithm.CRC32_C);
		}
		if (this.encryption != null) {
			create.serverSideEncryption(this.encryption).ssekmsKeyId(this.kmsKeyId);
		}
		String uploadId = this.s3.createMultipartUpload(create.build()).uploadId();
		try {
			List<CompletedPart> parts = new ArrayList<>();
			for (long offset = 0; offset < size; offset += this.partSize) {
				long length = Math.min(this.partSize, size - offset);
				int number = parts.size() + 1;
				String digest = digest(file, offset, length);
				boolean md5 = this.checksum == S3DumpStorage.Checksum.MD5;
				UploadPartRequest.Builder part = UploadPartRequest.builder()
					.bucket(this.bucket)
					.key(key)
					.uploadId(uploadId)
					.partNumber(number)
					.contentLength(length);
				String eTag = this.s3
					.uploadPart((md5 ? part.contentMD5(digest) : part.checksumCRC32C(digest)).build(),
							body(file, offset, length))
					.eTag();
				CompletedPart.Builder completed = CompletedPart.builder().partNumber(number).eTag(eTag);
				parts.add((md5 ? completed : completed.checksumCRC32C(digest)).build());
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

	/**
	 * Returns the checksum of a range of the file, in Base64 as S3 takes it.
	 */
	private String digest(Path file, long offset, long length) throws IOException {
		MessageDigest md5 = (this.checksum == S3DumpStorage.Checksum.MD5) ? md5() : null;
		CRC32C crc = new CRC32C();
		byte[] buffer = new byte[64 * 1024];
		try (InputStream in = range(file, offset, length)) {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				if (md5 != null) {
					md5.update(buffer, 0, read);
				}
				else {
					crc.update(buffer, 0, read);
				}
			}
		}
		return Base64.getEncoder()
			.encodeToString((md5 != null) ? md5.digest() : ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

	private static MessageDigest md5() {
		try {
			return MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("No MD5 in this JVM", ex);
		}
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

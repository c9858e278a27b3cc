package io.flightrecorder.benchmarks;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.flightrecorder.dump.SavedDump;
import io.flightrecorder.s3.S3DumpStorage;
import io.flightrecorder.s3.S3ProxyServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Throughput and peak heap of uploading a dump with {@link S3DumpStorage} (an MD5 pass, then
 * one PutObject below the multipart threshold) against a plain SDK {@code putObject} of the
 * same file, alternated in one run against S3Proxy on this machine. Prints one Markdown row
 * per size, the medians over the rounds, then, when the largest is above 8 MiB, one for it
 * uploaded in 8 MiB parts (the threshold set below it).
 * <p>
 * Arguments: rounds, then sizes in MiB. Run with a small fixed heap ({@code -Xmx}) below the
 * largest size, to show that neither buffers a dump in memory.
 */
public final class UploadCost {

	private UploadCost() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = Integer.parseInt(args[0]);
		Path directory = Files.createTempDirectory("upload-cost-");
		try (S3ProxyServer server = S3ProxyServer.start(directory.resolve("s3")); S3Client s3 = server.client()) {
			s3.createBucket((request) -> request.bucket("dumps"));
			S3DumpStorage storage = new S3DumpStorage(s3, "dumps", "flight-recorder", "bench", "pod-a");
			for (int i = 1; i < args.length; i++) {
				compare(s3, storage, directory, Integer.parseInt(args[i]), rounds, "");
			}
			int largest = Integer.parseInt(args[args.length - 1]);
			if (largest > 8) {
				storage.setMultipart(8 * 1024 * 1024, 8 * 1024 * 1024);
				compare(s3, storage, directory, largest, rounds, " in 8 MiB parts");
			}
		}
	}

	private static void compare(S3Client s3, S3DumpStorage storage, Path directory, int mebibytes, int rounds,
			String how) throws Exception {
		String name = "bench-20261203T000000000Z-size" + mebibytes + ".jfr";
		Path file = directory.resolve(name);
		byte[] chunk = new byte[1024 * 1024];
		Random random = new Random(mebibytes);
		try (OutputStream out = Files.newOutputStream(file)) {
			for (int m = 0; m < mebibytes; m++) {
				random.nextBytes(chunk);
				out.write(chunk);
			}
		}
		SavedDump dump = new SavedDump(name, "bench", "benchmark", Instant.now(), Files.size(file), null, null);
		List<double[]> ours = new ArrayList<>();
		List<double[]> plain = new ArrayList<>();
		for (int round = 0; round < rounds + 1; round++) {
			// without a trace index: the dump's own upload, against the same bytes by a plain put
			double[] storageRun = measure(() -> storage.upload(dump, file, null), mebibytes);
			double[] plainRun = measure(() -> s3.putObject((request) -> request.bucket("dumps").key("plain/" + name),
					RequestBody.fromFile(file)), mebibytes);
			if (round > 0) {
				ours.add(storageRun);
				plain.add(plainRun);
			}
		}
		double oursRate = Rounds.median(ours, 0);
		double plainRate = Rounds.median(plain, 0);
		System.out.printf("| %d MiB%s | %.0f MiB/s | %.0f MiB/s | %.2f | %.0f MiB | %.0f MiB |%n", mebibytes, how,
				oursRate, plainRate, oursRate / plainRate, Rounds.median(ours, 1), Rounds.median(plain, 1));
		Files.delete(file);
	}

	/**
	 * Returns the throughput in MiB/s and the peak heap in MiB of one upload, from a heap
	 * just collected.
	 */
	private static double[] measure(Upload upload, int mebibytes) throws Exception {
		PeakHeap.reset();
		long start = System.nanoTime();
		upload.run();
		double seconds = (System.nanoTime() - start) / 1e9;
		return new double[] { mebibytes / seconds, PeakHeap.mebibytes() };
	}

	@FunctionalInterface
	private interface Upload {

		void run() throws Exception;

	}

}

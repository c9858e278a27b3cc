package io.flightrecorder;

/**
 * Learns how the chunks grow from the chunks that ended, and tells how long the next chunk
 * may last before it holds its share of the ring.
 * <p>
 * Needed because a size check cannot always see a chunk grow in time: JDK 25 writes JFR's
 * buffers to the chunk file once a second, so under a load that fills a chunk's share in
 * less than that, the file shows nothing and then too much. A chunk ended after a span
 * {@code s} holds about {@code fixed + rate * s} bytes: its fixed content (metadata and
 * constant pools, written at every chunk) and the data recorded meanwhile. Two chunks of
 * spans far enough apart give both terms; a chunk of about the span of the last such chunk
 * updates the rate alone, so that a load that stops lets the chunks grow long again.
 * <p>
 * A prediction, not a guarantee: a load that changes between two chunks is seen at the next
 * one. Not thread-safe: the rotation thread alone uses it.
 */
final class ChunkGrowth {

	private final long limit;

	private final long minSpanNanos;

	private final long maxSpanNanos;

	/**
	 * The span of the last chunk whose span was far enough from the one before it to fit a
	 * line through both; -1 before the first chunk.
	 */
	private long referenceSpanNanos = -1;

	private long referenceSize;

	private double bytesPerNano;

	private long fixed;

	/**
	 * Creates a model of chunks that must hold at most {@code limit} bytes, ended by size no
	 * sooner than {@code minSpanNanos} after they start and by age {@code maxSpanNanos} after.
	 */
	ChunkGrowth(long limit, long minSpanNanos, long maxSpanNanos) {
		this.limit = limit;
		this.minSpanNanos = minSpanNanos;
		this.maxSpanNanos = maxSpanNanos;
	}

	/**
	 * Learns from a chunk that ended after {@code spanNanos} holding {@code size} bytes, and
	 * returns how long the next chunk may last: {@link Long#MAX_VALUE} when the data it
	 * records alone would not fill the limit before the chunk ends by age, then the size
	 * check suffices; else the span at which it reaches the limit, at least the shortest
	 * span.
	 */
	long ended(long spanNanos, long size) {
		if (spanNanos <= 0) {
			return Long.MAX_VALUE;
		}
		boolean fitted = false;
		if (farFromReference(spanNanos)) {
			fitted = fit(spanNanos, size);
			this.referenceSpanNanos = spanNanos;
			this.referenceSize = size;
		}
		if (!fitted) {
			this.bytesPerNano = (double) Math.max(0, size - this.fixed) / spanNanos;
		}
		if (this.bytesPerNano * this.maxSpanNanos <= this.limit) {
			return Long.MAX_VALUE;
		}
		long span = (long) ((this.limit - this.fixed) / this.bytesPerNano);
		return Math.max(this.minSpanNanos, Math.min(span, this.maxSpanNanos));
	}

	/**
	 * Whether a span differs from the reference's by at least a quarter of the longer: the
	 * first chunk's does, as none came before it.
	 */
	private boolean farFromReference(long spanNanos) {
		long longer = Math.max(spanNanos, this.referenceSpanNanos);
		return Math.abs(spanNanos - this.referenceSpanNanos) >= longer / 4;
	}

	/**
	 * Takes the rate and the fixed content from the line through this chunk and the
	 * reference, when it is one a chunk can grow along (a rate of zero or more, a fixed
	 * content no larger than either chunk); returns whether it did.
	 */
	private boolean fit(long spanNanos, long size) {
		if (this.referenceSpanNanos < 0) {
			return false;
		}
		double rate = (double) (size - this.referenceSize) / (spanNanos - this.referenceSpanNanos);
		long fixed = size - (long) (rate * spanNanos);
		if (rate < 0 || fixed < 0 || fixed > Math.min(size, this.referenceSize)) {
			return false;
		}
		this.bytesPerNano = rate;
		this.fixed = fixed;
		return true;
	}

}

package io.flightrecorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Chunks that hold {@code fixed + rate * span} bytes, each ended after the span the model
 * gave for it (the age bound when it gave none), as the rotation thread ends them.
 */
class ChunkGrowthTests {

	private static final long KB = 1000;

	private static final long MIN_SPAN = TimeUnit.MILLISECONDS.toNanos(250);

	private static final long MAX_SPAN = TimeUnit.MILLISECONDS.toNanos(1600);

	@Test
	void loadThatFillsTheLimitBeforeTheAgeEndsChunksWhenTheyHoldIt() {
		ChunkGrowth growth = new ChunkGrowth(512 * KB, MIN_SPAN, MAX_SPAN);
		List<Long> spans = spans(growth, 200 * KB, 1000 * KB, TimeUnit.SECONDS.toNanos(1), 6);
		assertThat(spans.get(0)).isBetween(MIN_SPAN, TimeUnit.MILLISECONDS.toNanos(512));
		assertThat(spans.subList(1, 6))
			.allSatisfy((span) -> assertThat(span).isCloseTo(TimeUnit.MILLISECONDS.toNanos(312), within(TimeUnit.MILLISECONDS.toNanos(1))));
	}

	@Test
	void loadTooFastForTheShortestSpanEndsChunksAtTheShortest() {
		ChunkGrowth growth = new ChunkGrowth(512 * KB, MIN_SPAN, MAX_SPAN);
		assertThat(spans(growth, 200 * KB, 4000 * KB, TimeUnit.SECONDS.toNanos(1), 6)).containsOnly(MIN_SPAN);
	}

	@Test
	void loadThatNeverFillsTheLimitLeavesChunksToTheAge() {
		ChunkGrowth growth = new ChunkGrowth(5 * 1024 * KB, MIN_SPAN, MAX_SPAN);
		assertThat(spans(growth, 300 * KB, 50 * KB, MAX_SPAN, 6)).containsOnly(Long.MAX_VALUE);
	}

	@Test
	void loadThatStopsLetsChunksGrowLongAgain() {
		ChunkGrowth growth = new ChunkGrowth(512 * KB, MIN_SPAN, MAX_SPAN);
		List<Long> loaded = spans(growth, 200 * KB, 4000 * KB, TimeUnit.SECONDS.toNanos(1), 4);
		assertThat(spans(growth, 200 * KB, 0, loaded.get(3), 3)).containsOnly(Long.MAX_VALUE);
	}

	@Test
	void fixedContentAboveTheLimitWithoutLoadSoonStopsShorteningChunks() {
		ChunkGrowth growth = new ChunkGrowth(256 * KB, MIN_SPAN, MAX_SPAN);
		List<Long> spans = spans(growth, 300 * KB, 0, MAX_SPAN, 8);
		assertThat(spans.subList(0, 2)).allSatisfy((span) -> assertThat(span).isGreaterThan(TimeUnit.SECONDS.toNanos(1)));
		assertThat(spans.subList(2, 8)).containsOnly(Long.MAX_VALUE);
	}

	@Test
	void chunkWithoutSpanTeachesNothing() {
		ChunkGrowth growth = new ChunkGrowth(512 * KB, MIN_SPAN, MAX_SPAN);
		assertThat(growth.ended(0, 4000 * KB)).isEqualTo(Long.MAX_VALUE);
		assertThat(spans(growth, 200 * KB, 0, MAX_SPAN, 3)).containsOnly(Long.MAX_VALUE);
	}

	/**
	 * Returns what the model answers for {@code count} chunks in a row, the first of them
	 * ended after {@code firstSpan}.
	 */
	private static List<Long> spans(ChunkGrowth growth, long fixed, long bytesPerSecond, long firstSpan, int count) {
		List<Long> answers = new ArrayList<>();
		long span = firstSpan;
		for (int i = 0; i < count; i++) {
			long answer = growth.ended(span, fixed + bytesPerSecond * span / TimeUnit.SECONDS.toNanos(1));
			answers.add(answer);
			span = Math.min(answer, MAX_SPAN);
		}
		return answers;
	}

}

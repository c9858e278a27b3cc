package io.flightrecorder.benchmarks;

import java.util.List;

/**
 * Medians of measured rounds, each round a row of numbers.
 */
final class Rounds {

	private Rounds() {
	}

	/**
	 * The median of one column of the rounds; of an even count, the lower middle one.
	 */
	static double median(List<double[]> rounds, int column) {
		double[] values = rounds.stream().mapToDouble((round) -> round[column]).sorted().toArray();
		return values[(values.length - 1) / 2];
	}

}

package io.flightrecorder.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.flightrecorder.CouldNotLoadRecordingException;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.parser.IParserExtension;
import org.openjdk.jmc.flightrecorder.parser.ParserExtensionRegistry;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.ResultToolkit;
import org.openjdk.jmc.flightrecorder.rules.RuleRegistry;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;

/**
 * The automated analysis that JDK Mission Control shows first: every rule of JMC's rules
 * library, evaluated on one thread, with the results that apply sorted by score. Only the
 * events the rules read are loaded ({@link RuleEvents}).
 *
 * @param findings the results, most severe first, then highest score first
 * @param failedRules how many rules failed on this recording (JMC's rules throw on some
 * recordings, such as one too short for a trend); their results are left out
 */
record Findings(List<Finding> findings, int failedRules) {

	/**
	 * JMC's parser warns, once per chunk, of each field a newer JDK added that it does not
	 * read (the thread's {@code virtual} on JDK 21 and later): dozens of lines per report
	 * that say nothing to the application's operators. Quieted unless the application set a
	 * level for it; held here so that the level is not lost with the logger.
	 */
	private static final Logger PARSER_LOG = Logger.getLogger("org.openjdk.jmc.flightrecorder.internal.parser");

	static {
		if (PARSER_LOG.getLevel() == null) {
			PARSER_LOG.setLevel(Level.SEVERE);
		}
	}

	/**
	 * Loads the events the rules read and evaluates every rule.
	 * @param recording the {@code .jfr} file
	 * @param guard checked at each event loaded, and bounds the wait for the rules
	 * @throws IOException if JMC cannot read the recording
	 * @throws ReportRefusedException if the guard stops the build
	 */
	static Findings evaluate(Path recording, ReportGuard guard) throws IOException {
		List<IRule> rules = List.copyOf(RuleRegistry.getRules());
		List<IParserExtension> extensions = new ArrayList<>();
		extensions.add(new RuleEvents(rules, guard));
		extensions.addAll(ParserExtensionRegistry.getParserExtensions());
		IItemCollection events;
		try {
			events = JfrLoaderToolkit.loadEvents(List.of(recording.toFile()), extensions);
		}
		catch (CouldNotLoadRecordingException ex) {
			throw new IOException("JDK Mission Control cannot read " + recording.getFileName(), ex);
		}
		return of(rules, events, guard);
	}

	/**
	 * Evaluates the rules on the events, one rule at a time.
	 * @param rules the rules
	 * @param events the events
	 * @param guard bounds the wait for the rules: when it runs out, the rules still running
	 * are cancelled
	 * @throws ReportRefusedException if the guard stops the build
	 */
	static Findings of(List<IRule> rules, IItemCollection events, ReportGuard guard) throws IOException {
		Map<IRule, Future<IResult>> results = RulesToolkit.evaluateParallel(rules, events, null, 1);
		List<Finding> findings = new ArrayList<>();
		int failed = 0;
		try {
			for (Future<IResult> future : results.values()) {
				try {
					IResult result = future.get(guard.remainingNanos(), TimeUnit.NANOSECONDS);
					if (result.getSeverity() != Severity.NA && result.getSeverity() != Severity.IGNORE) {
						findings.add(Finding.of(result));
					}
				}
				catch (ExecutionException ex) {
					failed++;
				}
				catch (TimeoutException ex) {
					throw guard.timedOut();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while analysing the recording", ex);
		}
		finally {
			results.values().forEach((future) -> future.cancel(true));
		}
		findings.sort(Comparator.comparing(Finding::severity).thenComparingDouble(Finding::score).reversed());
		return new Findings(findings, failed);
	}

	/**
	 * One rule's result, as plain text.
	 *
	 * @param rule the rule's name
	 * @param topic the rule's topic, such as {@code gc}
	 * @param score 0 to 100; 75 and above is a warning
	 * @param severity what JMC makes of it
	 * @param summary one sentence
	 * @param explanation why it matters, or {@code null}
	 * @param solution what to do, or {@code null}
	 */
	record Finding(String rule, String topic, double score, Severity severity, String summary,
			@Nullable String explanation, @Nullable String solution) {

		/**
		 * Returns whether the rule found something: information or a warning, not OK.
		 */
		boolean notable() {
			return this.severity.compareTo(Severity.INFO) >= 0;
		}

		static Finding of(IResult result) {
			IQuantity score = result.getResult(TypedResult.SCORE);
			return new Finding(result.getRule().getName(), result.getRule().getTopic(),
					(score != null) ? score.doubleValue() : 0, result.getSeverity(),
					Objects.requireNonNullElse(text(result, result.getSummary()), ""), text(result, result.getExplanation()),
					text(result, result.getSolution()));
		}

		/**
		 * Fills in the message's values; JMC's messages double their quotes for
		 * {@code MessageFormat}, and say {@code null} for a missing value.
		 */
		private static @Nullable String text(IResult result, @Nullable String message) {
			if (message == null) {
				return null;
			}
			String text = ResultToolkit.populateMessage(result, message, false);
			return (text == null || text.isBlank() || "null".equals(text)) ? null : text.replace("''", "'");
		}

	}

}

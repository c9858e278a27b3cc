package io.flightrecorder.sample;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs browser tests where Debian's Chromium and its driver are installed. Without them
 * they are skipped with one line on a developer machine, but in CI ({@code CI=true}) they
 * run and fail: a CI run must never pass by skipping them.
 */
public class ChromiumRequired implements ExecutionCondition {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if ("true".equals(System.getenv("CI")) || (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))) {
			return ConditionEvaluationResult.enabled("Chromium is installed, or required in CI");
		}
		return ConditionEvaluationResult
			.disabled("No Chromium: browser tests skipped (.ci/chromium installs chromium and chromium-driver)");
	}

}

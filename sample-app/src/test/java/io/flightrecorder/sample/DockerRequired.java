package io.flightrecorder.sample;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs container tests where a Docker engine answers. Without one they are skipped with
 * one line on a developer machine, but in CI ({@code CI=true}) they run and fail: a CI
 * run must never pass by skipping them.
 */
class DockerRequired implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if ("true".equals(System.getenv("CI")) || DockerClientFactory.instance().isDockerAvailable()) {
			return ConditionEvaluationResult.enabled("Docker is available, or required in CI");
		}
		return ConditionEvaluationResult.disabled("No Docker engine: container tests skipped (.ci/run starts one)");
	}

}

#!/usr/bin/env bash
# Sample-app start-up time with the starter disabled and enabled, alternating, 5 rounds, as
# Spring Boot logs it ("Started SampleApplication in X seconds").
# Usage: benchmarks/startup.sh [JAVA_HOME]  (build the sample app first: see README)
set -euo pipefail
cd "$(dirname "$0")/.."
java_home=${1:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
declare -A results
for round in 1 2 3 4 5; do
	for enabled in false true; do
		"$java_home/bin/java" -jar sample-app/target/sample-app.jar --server.port=0 \
			--flight-recorder.enabled=$enabled >"$log" 2>&1 &
		app=$!
		until grep -q "Started SampleApplication" "$log"; do sleep 0.1; done
		kill $app
		wait $app 2>/dev/null || true
		seconds=$(grep -o "Started SampleApplication in [0-9.]* seconds" "$log" | awk '{print $4}')
		results[$enabled]="${results[$enabled]:-} $seconds"
	done
done
echo "| starter | start-up (s), median | all rounds |"
echo "|---|---|---|"
for enabled in false true; do
	# shellcheck disable=SC2086
	median=$(printf '%s\n' ${results[$enabled]} | sort -n | sed -n 3p)
	echo "| flight-recorder.enabled=$enabled | $median |${results[$enabled]} |"
done

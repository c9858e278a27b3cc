#!/usr/bin/env bash
# Sample-app throughput under wrk with the starter disabled, enabled without observation
# events, enabled with the default threshold (1 ms), and enabled recording every request
# (threshold 0), alternating, 3 rounds of 15 s each.
# Usage: benchmarks/observation-overhead.sh [JAVA_HOME]  (build the sample app first: see README)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
java_home=${1:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}
port=18081
declare -A modes=(
	[starter-disabled]="--flight-recorder.enabled=false"
	[off]="--flight-recorder.observations.enabled=false"
	[default-1ms]=""
	[every-request]="--flight-recorder.observations.threshold=0"
)
declare -A results
for round in 1 2 3; do
	for mode in starter-disabled off default-1ms every-request; do
		# shellcheck disable=SC2086
		"$java_home/bin/java" -jar sample-app/target/sample-app.jar --server.port=$port ${modes[$mode]} \
			>/tmp/observation-overhead.log 2>&1 &
		app=$!
		until curl -sf "localhost:$port/actuator/health" >/dev/null; do sleep 0.2; done
		wrk -t1 -c8 -d5s "http://localhost:$port/cpu?n=2000" >/dev/null
		rps=$(wrk -t1 -c8 -d15s "http://localhost:$port/cpu?n=2000" | awk '/Requests\/sec/ {print $2}')
		kill $app; wait $app 2>/dev/null || true
		results[$mode]="${results[$mode]:-} $rps"
	done
done
echo "| mode | requests/s, median | all rounds |"
echo "|---|---|---|"
for mode in starter-disabled off default-1ms every-request; do
	# shellcheck disable=SC2086
	median=$(printf '%s\n' ${results[$mode]} | sort -n | sed -n 2p)
	echo "| $mode | $median |${results[$mode]} |"
done

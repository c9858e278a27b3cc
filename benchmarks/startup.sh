#!/usr/bin/env bash
# Sample-app start-up time with the starter disabled, enabled, and enabled starting in the
# background, alternating, 5 rounds, as Spring Boot logs it ("Started SampleApplication in X
# seconds"); for the background start, also how long after that the recording began (the
# time not recorded).
# Usage: benchmarks/startup.sh [JAVA_HOME]  (build the sample app first: see README)
set -euo pipefail
cd "$(dirname "$0")/.."
java_home=${1:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
modes=(disabled enabled background)
declare -A args=(
	[disabled]="--flight-recorder.enabled=false"
	[enabled]=""
	[background]="--flight-recorder.start-in-background=true"
)
declare -A results
late=""
for round in 1 2 3 4 5; do
	for mode in "${modes[@]}"; do
		# shellcheck disable=SC2086
		"$java_home/bin/java" -Dlogging.level.io.flightrecorder=debug -jar sample-app/target/sample-app.jar \
			--server.port=0 ${args[$mode]} >"$log" 2>&1 &
		app=$!
		until grep -q "Started SampleApplication" "$log"; do sleep 0.1; done
		if [ "$mode" = background ]; then
			until grep -q "The flight recorder started" "$log"; do sleep 0.05; done
			started=$(grep "Started SampleApplication" "$log" | cut -c1-23)
			recording=$(grep "The flight recorder started" "$log" | cut -c1-23)
			late="$late $(( $(date -d "$recording" +%s%3N) - $(date -d "$started" +%s%3N) ))"
		fi
		kill $app
		wait $app 2>/dev/null || true
		seconds=$(grep -o "Started SampleApplication in [0-9.]* seconds" "$log" | awk '{print $4}')
		results[$mode]="${results[$mode]:-} $seconds"
	done
done
echo "| starter | start-up (s), median | all rounds |"
echo "|---|---|---|"
for mode in "${modes[@]}"; do
	# shellcheck disable=SC2086
	median=$(printf '%s\n' ${results[$mode]} | sort -n | sed -n 3p)
	echo "| $mode | $median |${results[$mode]} |"
done
echo
echo "Background start: the recording began this many ms after 'Started SampleApplication':$late"

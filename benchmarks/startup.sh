#!/usr/bin/env bash
# Sample-app start-up time, alternating, 5 rounds, in five modes:
#   disabled     flight-recorder.enabled=false
#   plain-jfr    the starter disabled, JFR's own recording started on the command line
#   enabled      the starter, without the sample app's exit dump (the starter's default)
#   exit-dump    the starter as the sample app configures it: each start saves the exit dump
#                JFR wrote when the previous run was stopped
#   background   as enabled, with flight-recorder.start-in-background=true
# as Spring Boot logs it: "process running for X", the time since the JVM started, so that
# JFR's start on the command line counts; for the background start, also how long after
# "Started" the recording began (the time not recorded).
# Usage: benchmarks/startup.sh [JAVA_HOME]  (build the sample app first: see README)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benchmarks/lib.sh
source benchmarks/lib.sh
java_home=$(java_home_or_default "${1:-}")
work=$(mktemp -d)
log=$work/app.log
trap 'rm -rf "$work"' EXIT
modes=(disabled plain-jfr enabled exit-dump background)
declare -A jvm=(
	[plain-jfr]="-XX:StartFlightRecording:settings=default,maxage=10s,maxsize=10m"
)
declare -A args=(
	[disabled]="--flight-recorder.enabled=false"
	[plain-jfr]="--flight-recorder.enabled=false"
	[enabled]="--flight-recorder.dumps.on-exit=false"
	[exit-dump]=""
	[background]="--flight-recorder.start-in-background=true --flight-recorder.dumps.on-exit=false"
)
declare -A results
late=""
for round in 1 2 3 4 5; do
	for mode in "${modes[@]}"; do
		# shellcheck disable=SC2086
		"$java_home/bin/java" ${jvm[$mode]:-} -Dlogging.level.io.flightrecorder=debug -jar sample-app/target/sample-app.jar \
			--server.port=0 --flight-recorder.dumps.directory="$work/dumps" ${args[$mode]} >"$log" 2>&1 &
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
		seconds=$(grep -o "process running for [0-9.]*" "$log" | awk '{print $4}')
		results[$mode]="${results[$mode]:-} $seconds"
	done
done
echo "| starter | start-up (s), median | all rounds |"
echo "|---|---|---|"
for mode in "${modes[@]}"; do
	# shellcheck disable=SC2086
	echo "| $mode | $(median ${results[$mode]}) |${results[$mode]} |"
done
echo
echo "Background start: the recording began this many ms after 'Started SampleApplication':$late"

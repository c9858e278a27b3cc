#!/usr/bin/env bash
# Sample-app throughput and p99 latency under wrk, the app pinned to core 0 and wrk to core 1,
# in five modes, alternating, 5 rounds (the app restarted for each):
#   starter-disabled   flight-recorder.enabled=false: no JFR at all
#   plain-jfr          the starter disabled, JFR's own 'default' recording (-XX:StartFlightRecording)
#   observations-off   the starter, without observation events
#   default            the starter as the sample app configures it (observation events from 1 ms,
#                      slow-request and error triggers)
#   every-request      the starter, every request recorded as an event (threshold 0)
# Usage: benchmarks/throughput.sh [JAVA_HOME] [rounds] [seconds]  (build the sample app first: see README)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
java_home=${1:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}
rounds=${2:-5}
seconds=${3:-10}
port=18081
jfr_dir=$(mktemp -d)
trap 'rm -rf "$jfr_dir"' EXIT
mode_names=(starter-disabled plain-jfr observations-off default every-request)
declare -A jvm=(
	[plain-jfr]="-XX:StartFlightRecording:settings=default,maxage=10s,maxsize=10m,filename=$jfr_dir/plain.jfr"
)
declare -A args=(
	[starter-disabled]="--flight-recorder.enabled=false"
	[plain-jfr]="--flight-recorder.enabled=false"
	[observations-off]="--flight-recorder.observations.enabled=false"
	[default]=""
	[every-request]="--flight-recorder.observations.threshold=0"
)
declare -A rps p99
for round in $(seq "$rounds"); do
	for mode in "${mode_names[@]}"; do
		# shellcheck disable=SC2086
		taskset -c 0 "$java_home/bin/java" ${jvm[$mode]:-} -jar sample-app/target/sample-app.jar --server.port=$port \
			--flight-recorder.dumps.directory="$jfr_dir/dumps" ${args[$mode]} >/tmp/throughput.log 2>&1 &
		app=$!
		until curl -sf "localhost:$port/actuator/health" >/dev/null; do sleep 0.2; done
		taskset -c 1 wrk -t1 -c8 -d3s "http://localhost:$port/cpu?n=2000" >/dev/null
		out=$(taskset -c 1 wrk -t1 -c8 -d"${seconds}s" --latency "http://localhost:$port/cpu?n=2000")
		kill $app; wait $app 2>/dev/null || true
		rps[$mode]="${rps[$mode]:-} $(awk '/Requests\/sec/ {print $2}' <<<"$out")"
		p99[$mode]="${p99[$mode]:-} $(awk '$1 == "99%" {print $2}' <<<"$out")"
	done
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "| mode | requests/s, median | all rounds | p99 latency, median | all rounds |"
echo "|---|---|---|---|---|"
for mode in "${mode_names[@]}"; do
	# shellcheck disable=SC2086
	echo "| $mode | $(median ${rps[$mode]}) |${rps[$mode]} | $(median $(sed 's/ms//g; s/us/e-3/g' <<<"${p99[$mode]}")) ms |${p99[$mode]} |"
done

#!/usr/bin/env bash
# Sample-app throughput and p99 latency under wrk, the app pinned to core 0 and wrk to core 1,
# in five modes, alternating, 5 rounds (the app restarted for each):
#   starter-disabled   flight-recorder.enabled=false: no JFR at all
#   plain-jfr          the starter disabled, JFR's own 'default' recording (-XX:StartFlightRecording)
#   plain-jfr-late     plain-jfr's recording started by jcmd JFR.start once the app answers, as
#                      the starter starts its own: the JVM starts as in the starter's modes; not
#                      in the default list
#   observations-off   the starter, without observation events
#   default            the starter as the sample app configures it (observation events from 1 ms,
#                      slow-request, error, gc-pause and deadlock triggers)
#   every-request      the starter, every request recorded as an event (threshold 0)
#   jfr-at-start       the starter as in default, with JFR initialized at JVM start by an empty
#                      recording (-XX:StartFlightRecording:settings=none); not in the default list
# and, to find where the starter's cost goes feature by feature (not in the default list):
#   ring-only          the ring alone: no observation events, no triggers, no exit or crash dump,
#                      period 10m (a chunk ends every 2 min, or at half the size)
#   ring-rotating      ring-only with the sample app's period, 10s (a chunk ends every 2 s)
#   no-triggers        default without the triggers and the exit dump
#   ring-jfr-at-start  ring-only, with JFR initialized at JVM start as in jfr-at-start
#   ring-no-endpoint   ring-only, with only the health endpoint exposed: no snapshot endpoint,
#                      HEAD filter or message converter in the web layer
#   default-period-10m default with period 10m: a chunk ends every 2 min or at half the size,
#                      not every 2 s
#   default-no-endpoint default with the starter's endpoints not exposed (health, metrics and
#                      prometheus only, as in plain-jfr): what the endpoints' request mappings
#                      cost every other request
#   starter-defaults   the starter's own defaults, which the sample app changes: no triggers, no
#                      exit dump, its endpoints not exposed (the exposure of plain-jfr)
#   starter-defaults-no-events  starter-defaults without observation events
#   starter-defaults-period-10m  starter-defaults with period 10m: a chunk ends every 2 min (or
#                      at half the size) instead of every 2 s
#   starter-defaults-jfr-at-start  starter-defaults, with JFR initialized at JVM start by an
#                      in-memory recording that records and keeps nothing
#                      (-XX:StartFlightRecording:settings=none,disk=false), as operations.md advises
#   management-port    default with the actuator on a port of its own (management.server.port):
#                      the endpoints exposed there, out of the application's request mappings
# and, for the recording settings (not in the default list):
#   profile            the starter with flight-recorder.settings=profile
#   cpu-time           the starter's defaults plus JDK 25's CPU-time sampler (jdk.CPUTimeSample)
#                      every 10 ms of a thread's CPU time
# and, for the event triggers (not in the default list):
#   event-rules        starter-defaults with the gc-pause, pinned and monitor-wait rules (Java 21+)
#   event-rules-jdk17  starter-defaults with the gc-pause, safepoint and monitor-wait rules (pinned
#                      needs Java 21)
# The ring's data rate (KB/s) is the ring's retained bytes (flightrecorder.retained) at the end
# of the round over the period (10 s): about what it records per second.
# Usage: benchmarks/throughput.sh [JAVA_HOME] [rounds] [seconds] [warm-up seconds]
#   (build the sample app first: see README); MODES="default plain-jfr" runs only those modes
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benchmarks/lib.sh
source benchmarks/lib.sh
require_wrk
java_home=$(java_home_or_default "${1:-}")
rounds=${2:-5}
seconds=${3:-10}
warmup=${4:-3}
port=18081
jfr_dir=$(mktemp -d)
trap 'rm -rf "$jfr_dir"' EXIT
read -r -a mode_names <<<"${MODES:-starter-disabled plain-jfr observations-off default every-request}"
sample_app_modes "$jfr_dir"
declare -A rps p99 cpu recorder rate
# the CPU time of the recording's own threads: JFR's (sampler, recorder, periodic tasks,
# chunk rotation inside the JVM) and the starter's (flight-recorder-*); far less noisy than
# the whole process, as the requests' own work is left out
recorder_ticks() {
	local total=0 task
	for task in /proc/"$1"/task/*; do
		case "$(cat "$task/comm" 2>/dev/null)" in
		"JFR "* | flight-recorder*) total=$((total + $(awk '{print $14 + $15}' "$task/stat" 2>/dev/null || echo 0))) ;;
		esac
	done
	echo "$total"
}
for round in $(seq "$rounds"); do
	for mode in "${mode_names[@]}"; do
		start_sample_app "$mode" "$jfr_dir/dumps" /tmp/throughput.log
		taskset -c 1 wrk -t1 -c8 -d"${warmup}s" "http://localhost:$port/cpu?n=2000" >/dev/null
		ticks=$(cpu_ticks $app)
		recorder_before=$(recorder_ticks $app)
		out=$(taskset -c 1 wrk -t1 -c8 -d"${seconds}s" --latency "http://localhost:$port/cpu?n=2000")
		ticks=$(( $(cpu_ticks $app) - ticks ))
		recorder_used=$(( $(recorder_ticks $app) - recorder_before ))
		retained=$(curl -s -u ops:flight-recorder "$actuator/metrics/flightrecorder.retained" \
			| sed -n 's/.*"value":\([0-9.E]*\).*/\1/p')
		rate[$mode]="${rate[$mode]:-} $(awk -v b="${retained:-0}" 'BEGIN { printf "%.0f", b / 10 / 1000 }')"
		kill $app; wait $app 2>/dev/null || true
		requests=$(awk '/requests in/ {print $1}' <<<"$out")
		cpu[$mode]="${cpu[$mode]:-} $(cpu_per_request "$ticks" "$requests")"
		recorder[$mode]="${recorder[$mode]:-} $(awk -v t="$recorder_used" -v r="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz * 1e6 / r }')"
		rps[$mode]="${rps[$mode]:-} $(awk '/Requests\/sec/ {print $2}' <<<"$out")"
		p99[$mode]="${p99[$mode]:-} $(awk '$1 == "99%" {print $2}' <<<"$out")"
	done
done
# CPU per request of a mode over that of the baseline, round by round: a round's modes run
# minutes apart, so the ratio cancels much of what the machine's other load adds to both
baseline=${BASELINE:-plain-jfr}
ratios() {
	[[ -n "${cpu[$baseline]:-}" ]] || return 0
	# shellcheck disable=SC2086
	paste <(printf '%s\n' ${cpu[$1]}) <(printf '%s\n' ${cpu[$baseline]}) | awk '{ printf " %.3f", $1 / $2 }'
}
echo "| mode | requests/s, median | all rounds | p99 latency, median | all rounds | CPU µs per request, median | all rounds | CPU per request / $baseline's, median | all rounds | JFR's and the starter's threads, CPU µs per request, median | all rounds | ring's data rate, KB/s, median |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for mode in "${mode_names[@]}"; do
	ratio=$(ratios "$mode")
	# shellcheck disable=SC2086
	echo "| $mode | $(median ${rps[$mode]}) |${rps[$mode]} | $(median $(sed 's/ms//g; s/us/e-3/g' <<<"${p99[$mode]}")) ms |${p99[$mode]} | $(median ${cpu[$mode]}) |${cpu[$mode]} | $([[ -n $ratio ]] && median $ratio) |$ratio | $(median ${recorder[$mode]}) |${recorder[$mode]} | $(median ${rate[$mode]}) |"
done

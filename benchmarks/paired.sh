#!/usr/bin/env bash
# Two modes of the sample app (throughput.sh's modes) measured in short windows that alternate,
# so that what the machine's other tenants do, which changes over minutes, falls on both alike.
# In each session both apps run all along, pinned to core 0, and are warmed up; then each round
# loads one with wrk (-c8 on /cpu, core 1) for a window, then the other (in the opposite order
# every other round), while the other idles. A round's ratio is the second mode's CPU per
# request over the first's, from two windows seconds apart. Each session starts both JVMs
# afresh, because two JVMs of the same mode can differ by a few percent for as long as they
# run (what their JIT compilers made of them); the result is the median of all rounds of all
# sessions. The two modes take turns, session by session, at being started first, on the first
# port, and warmed up first: an A/A run that kept them in place measured the second JVM 4%
# cheaper (JDK 17), so give an even number of sessions. Run the same mode on both sides (an A/A
# run) to see the method's own spread.
# Usage: MODES="plain-jfr starter-defaults" benchmarks/paired.sh [JAVA_HOME] [sessions]
#   [rounds per session] [seconds] [warm-up seconds] (build the sample app first: see README)
#   REQUEST="/cpu?n=60000" sets the request (default /cpu?n=2000, about 100 µs of CPU);
#   APP_JAR= runs another jar of the sample app (see lib.sh's start_sample_app).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benchmarks/lib.sh
source benchmarks/lib.sh
require_wrk
java_home=$(java_home_or_default "${1:-}")
sessions=${2:-4}
rounds=${3:-6}
seconds=${4:-8}
warmup=${5:-60}
read -r -a pair <<<"${MODES:-plain-jfr starter-defaults}"
request=${REQUEST:-/cpu?n=2000}
ports=(18081 18085)
work=$(mktemp -d)
pids=()
mode_ports=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait; rm -rf "$work"' EXIT
# Loads the app of mode $1 (0 or 1) for $2 seconds and prints its CPU µs per request.
load() {
	local ticks requests
	ticks=$(cpu_ticks "${pids[$1]}")
	requests=$(taskset -c 1 wrk -t1 -c8 -d"$2s" "http://localhost:${mode_ports[$1]}$request" | awk '/requests in/ {print $1}')
	cpu_per_request $(($(cpu_ticks "${pids[$1]}") - ticks)) "$requests"
}
echo "| session | started first (0 or 1: its side) | round | ${pair[0]}: CPU µs per request | ${pair[1]}: CPU µs per request | ${pair[1]} / ${pair[0]} |"
echo "|---|---|---|---|---|---|"
ratios=()
for session in $(seq "$sessions"); do
	if ((session % 2)); then order=(0 1); else order=(1 0); fi
	for place in 0 1; do
		side=${order[place]}
		port=${ports[$place]}
		mode_ports[side]=$port
		rm -rf "${work:?}/$side"
		mkdir -p "$work/$side"
		sample_app_modes "$work/$side"
		start_sample_app "${pair[$side]}" "$work/$side/dumps" "$work/$side.log"
		pids[side]=$app
	done
	load "${order[0]}" "$warmup" >/dev/null
	load "${order[1]}" "$warmup" >/dev/null
	for round in $(seq "$rounds"); do
		if ((round % 2)); then
			cpu0=$(load 0 "$seconds")
			cpu1=$(load 1 "$seconds")
		else
			cpu1=$(load 1 "$seconds")
			cpu0=$(load 0 "$seconds")
		fi
		ratios+=("$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN { printf "%.3f", b / a }')")
		echo "| $session | ${order[0]}: ${pair[${order[0]}]} | $round | $cpu0 | $cpu1 | ${ratios[-1]} |"
	done
	kill "${pids[@]}"
	wait "${pids[@]}" 2>/dev/null || true
	pids=()
done
sorted=$(printf '%s\n' "${ratios[@]}" | sort -g | tr '\n' ' ')
echo
echo "${pair[1]} / ${pair[0]}, CPU per request: median $(median "${ratios[@]}") of ${#ratios[@]} rounds in $sessions sessions; sorted: $sorted"

#!/usr/bin/env bash
# Two modes of the sample app (throughput.sh's modes) measured in short windows that alternate,
# so that the host's noise, which changes over minutes, falls on both alike.
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
# Each window's CPU is also split by thread: Tomcat's (the requests), the JIT compilers' (the
# JVM still warming up: with 5 ms requests, several % of the CPU after minutes, and differing
# by as much between two JVMs of the same mode), and the others (JFR's, the garbage
# collector's, the starter's background work). The summary gives the ratio without the JIT's
# share, and the second mode's other threads over the first's as a share of its CPU.
# Usage: MODES="plain-jfr starter-defaults" benchmarks/paired.sh [JAVA_HOME] [sessions]
#   [rounds per session] [seconds] [warm-up seconds] (build the sample app first: see README)
#   REQUEST="/cpu?n=100000" sets the request (see lib.sh);
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
ports=(18081 18085)
work=$(mktemp -d)
pids=()
mode_ports=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait; rm -rf "$work"' EXIT
# Tomcat's threads and the JIT compilers', by name
thread_groups=('^http-nio-' '^C[12] CompilerThre')
# Loads the app of side $1 (0 or 1) for $2 seconds and prints its CPU µs per request: all of
# it, then that of its live threads by group: Tomcat's (the requests'), the JIT compilers', and
# the others (JFR's, the garbage collector's, the starter's), space-separated.
load() {
	local ticks requests before after
	ticks=$(cpu_ticks "${pids[$1]}")
	read -r -a before <<<"$(thread_ticks "${pids[$1]}" "${thread_groups[@]}")"
	requests=$(taskset -c 1 wrk -t1 -c8 -d"$2s" "http://localhost:${mode_ports[$1]}$request" | awk '/requests in/ {print $1}')
	read -r -a after <<<"$(thread_ticks "${pids[$1]}" "${thread_groups[@]}")"
	ticks=$(($(cpu_ticks "${pids[$1]}") - ticks))
	local live=$((after[0] - before[0])) tomcat=$((after[1] - before[1])) jit=$((after[2] - before[2]))
	echo "$(cpu_per_request $ticks "$requests") $(cpu_per_request $tomcat "$requests")" \
		"$(cpu_per_request $jit "$requests") $(cpu_per_request $((live - tomcat - jit)) "$requests")"
}
# Prints $1, then the median and the sorted list of the numbers after it.
summarize() {
	local label=$1
	shift
	echo "$label: median $(median "$@"); sorted: $(printf '%s\n' "$@" | sort -g | tr '\n' ' ')"
}
# A table cell of load's output $1: all (Tomcat / JIT / others).
cell() {
	local v
	read -r -a v <<<"$1"
	echo "${v[0]} (${v[1]} / ${v[2]} / ${v[3]})"
}
echo "| session | started first (0 or 1: its side) | round | ${pair[0]}: CPU µs per request (Tomcat / JIT / others) | ${pair[1]}: the same | ${pair[1]} / ${pair[0]} |"
echo "|---|---|---|---|---|---|"
ratios=()
steady=()
others=()
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
		read -r -a v0 <<<"$cpu0"
		read -r -a v1 <<<"$cpu1"
		ratios+=("$(awk -v a="${v0[0]}" -v b="${v1[0]}" 'BEGIN { printf "%.3f", b / a }')")
		steady+=("$(awk -v a="${v0[0]}" -v ja="${v0[2]}" -v b="${v1[0]}" -v jb="${v1[2]}" 'BEGIN { printf "%.3f", (b - jb) / (a - ja) }')")
		others+=("$(awk -v a="${v0[0]}" -v o0="${v0[3]}" -v o1="${v1[3]}" 'BEGIN { printf "%.4f", (o1 - o0) / a }')")
		echo "| $session | ${order[0]}: ${pair[${order[0]}]} | $round | $(cell "$cpu0") | $(cell "$cpu1") | ${ratios[-1]} |"
	done
	kill "${pids[@]}"
	wait "${pids[@]}" 2>/dev/null || true
	pids=()
done
echo
summarize "${pair[1]} / ${pair[0]}, CPU per request, ${#ratios[@]} rounds in $sessions sessions" "${ratios[@]}"
summarize "The same without the JIT compilers' threads, whose work is the JVMs' warming up" "${steady[@]}"
summarize "${pair[1]}'s other threads (neither Tomcat's nor the JIT's) over ${pair[0]}'s, as a share of \
${pair[0]}'s CPU per request" "${others[@]}"

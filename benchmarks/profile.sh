#!/usr/bin/env bash
# Where a mode's CPU per request goes: the sample app under the load of throughput.sh (wrk -c8
# on /cpu by default, the app pinned to core 0 and wrk to core 1), warmed up, then profiled by
# async-profiler (tools.profiler:async-profiler from Maven Central, attached with
# jcmd JVMTI.agent_load: CPU time, one sample per millisecond of a thread's CPU, per thread)
# while wrk runs; modes as in throughput.sh. Writes target/profile/<mode>.collapsed (one
# line per stack: frames separated by ';', then the sample count; the first frame is the
# thread) and prints the samples per 1000 requests of each thread group, that is CPU µs per
# request. Compare two modes' frames with benchmarks/profile-diff.py. Modes as in throughput.sh.
# Usage: benchmarks/profile.sh [JAVA_HOME] [seconds] [warm-up seconds]
#   (build the sample app first: see README); MODES="plain-jfr default" by default;
#   REQUEST="/cpu?n=100000" sets the request (see lib.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benchmarks/lib.sh
source benchmarks/lib.sh
require_wrk
java_home=$(java_home_or_default "${1:-}")
seconds=${2:-20}
warmup=${3:-40}
version=4.5
out=benchmarks/target/profile
mkdir -p "$out"
jar="$HOME/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version.jar"
[[ -f $jar ]] || mvn -q -B dependency:get -Dartifact="tools.profiler:async-profiler:$version"
unzip -o -q -d "$out" "$jar" linux-x64/libasyncProfiler.so
agent=$(readlink -f "$out/linux-x64/libasyncProfiler.so")
port=18081
jfr_dir=$(mktemp -d)
trap 'rm -rf "$jfr_dir"' EXIT
sample_app_modes "$jfr_dir"
read -r -a mode_names <<<"${MODES:-plain-jfr default}"
for mode in "${mode_names[@]}"; do
	start_sample_app "$mode" "$jfr_dir/dumps" /tmp/profile.log
	taskset -c 1 wrk -t1 -c8 -d"${warmup}s" "http://localhost:$port$request" >/dev/null
	# the options are one argument of jcmd's, quoted so that it keeps its commas and '='
	"$java_home/bin/jcmd" $app JVMTI.agent_load "$agent" "\"start,event=cpu,alluser,interval=1ms,threads\"" >/dev/null
	requests=$(taskset -c 1 wrk -t1 -c8 -d"${seconds}s" "http://localhost:$port$request" | awk '/requests in/ {print $1}')
	"$java_home/bin/jcmd" $app JVMTI.agent_load "$agent" "\"stop,file=$(readlink -f "$out")/$mode.collapsed,collapsed\"" >/dev/null
	kill $app; wait $app 2>/dev/null || true
	echo "$mode: $requests requests; CPU µs per request by thread:"
	# thread names without their numbers: [http-nio-18081-exec-3 tid=42] -> http-nio-18081-exec
	sed -E 's/^\[(.*) tid=[0-9]+\];.* ([0-9]+)$/\1 \2/; s/[-#]?[0-9]+ ([0-9]+)$/ \1/' "$out/$mode.collapsed" \
		| awk -v r="$requests" '{ n = $NF; $NF = ""; t[$0] += n; all += n }
			END { for (k in t) printf "  %8.2f %s\n", t[k] / r * 1000, k; printf "  %8.2f all\n", all / r * 1000 }' \
		| sort -rn | head -12
	echo "$requests" >"$out/$mode.requests"
done

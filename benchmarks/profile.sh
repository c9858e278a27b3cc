#!/usr/bin/env bash
# Where a mode's CPU per request goes: the sample app under the load of throughput.sh (wrk -c8
# on /cpu, the app pinned to core 0 and wrk to core 1), warmed up, then profiled by
# async-profiler (tools.profiler:async-profiler from Maven Central, attached with
# jcmd JVMTI.agent_load: CPU time, one sample per millisecond of a thread's CPU, per thread)
# while wrk runs; modes as in throughput.sh. Writes target/profile/<mode>.collapsed (one
# line per stack: frames separated by ';', then the sample count; the first frame is the
# thread) and prints the samples per 1000 requests of each thread group, that is CPU µs per
# request. Compare two modes' frames with benchmarks/profile-diff.py.
# Usage: benchmarks/profile.sh [JAVA_HOME] [seconds] [warm-up seconds]
#   (build the sample app first: see README); MODES="plain-jfr default" by default
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
# shellcheck source=benchmarks/lib.sh
source benchmarks/lib.sh
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
no_triggers="--flight-recorder.triggers.slow-observation.enabled=false --flight-recorder.triggers.error.enabled=false \
--flight-recorder.dumps.on-exit=false --flight-recorder.dumps.on-crash=false"
declare -A jvm=(
	[plain-jfr]="-XX:StartFlightRecording:settings=default,maxage=10s,maxsize=10m,filename=$jfr_dir/plain.jfr"
)
declare -A args=(
	[plain-jfr]="--flight-recorder.enabled=false"
	[default]=""
	[default-no-endpoint]="--management.endpoints.web.exposure.include=health,metrics,prometheus"
	[ring-no-endpoint]="--flight-recorder.observations.enabled=false $no_triggers --flight-recorder.period=10m \
--management.endpoints.web.exposure.include=health,metrics,prometheus"
)
read -r -a mode_names <<<"${MODES:-plain-jfr default}"
for mode in "${mode_names[@]}"; do
	# shellcheck disable=SC2086
	taskset -c 0 "$java_home/bin/java" ${jvm[$mode]:-} -jar sample-app/target/sample-app.jar --server.port=$port \
		--flight-recorder.dumps.directory="$jfr_dir/dumps" ${args[$mode]} >/tmp/profile.log 2>&1 &
	app=$!
	until curl -sf "localhost:$port/actuator/health" >/dev/null; do sleep 0.2; done
	taskset -c 1 wrk -t1 -c8 -d"${warmup}s" "http://localhost:$port/cpu?n=2000" >/dev/null
	# the options are one argument of jcmd's, quoted so that it keeps its commas and '='
	"$java_home/bin/jcmd" $app JVMTI.agent_load "$agent" "\"start,event=cpu,alluser,interval=1ms,threads\"" >/dev/null
	requests=$(taskset -c 1 wrk -t1 -c8 -d"${seconds}s" "http://localhost:$port/cpu?n=2000" | awk '/requests in/ {print $1}')
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

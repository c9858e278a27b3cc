#!/usr/bin/env bash
# Snapshots of the sample app's default ring (10 MB, 10 s) over HTTP under load: time to first
# byte, time to last byte, bytes, and the span `jfr summary` reports. Usage:
# benchmarks/sample-http.sh [JAVA_HOME]   (build the sample app first: see README)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benchmarks/lib.sh
source benchmarks/lib.sh
java_home=$(java_home_or_default "${1:-}")
port=18080
"$java_home/bin/java" -jar sample-app/target/sample-app.jar --server.port=$port >/tmp/sample-http.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null || true' EXIT
until curl -sf "localhost:$port/actuator/health" >/dev/null; do sleep 0.2; done
load() {
	local end=$((SECONDS + $1))
	while [ $SECONDS -lt $end ]; do
		curl -s "localhost:$port/cpu?n=300000" >/dev/null
		curl -s "localhost:$port/alloc?megabytes=16" >/dev/null
		curl -s "localhost:$port/lock?millis=5" >/dev/null
	done
}
for i in 1 2 3 4; do load 40 & done
sleep 15
echo "| snapshot | first byte (ms) | last byte (ms) | bytes | span (jfr summary) |"
echo "|---|---|---|---|---|"
for i in 1 2 3 4 5; do
	sleep 3
	read -r first total bytes < <(curl -s -o /tmp/sample-http.jfr -w '%{time_starttransfer} %{time_total} %{size_download}\n' \
		-u ops:flight-recorder "localhost:$port/actuator/flightrecording")
	span=$("$java_home/bin/jfr" summary /tmp/sample-http.jfr | awk '/Duration:/ {print $2}')
	awk -v i="$i" -v f="$first" -v t="$total" -v b="$bytes" -v s="$span" \
		'BEGIN { printf "| %d | %.1f | %.1f | %d | %s |\n", i, f * 1000, t * 1000, b, s }'
done
rm -f /tmp/sample-http.jfr
wait_children=$(jobs -p | grep -v "^$app$" || true)
[ -z "$wait_children" ] || kill $wait_children 2>/dev/null || true

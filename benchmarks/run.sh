#!/usr/bin/env bash
# Runs the flight recorder's measurements on JDK 17 and JDK 25 and prints Markdown tables.
# Usage: benchmarks/run.sh [precision|rotation|paths|soak|all]  (takes about 14 minutes for all)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
# shellcheck source=benchmarks/lib.sh
source benchmarks/lib.sh
build_benchmarks
for jdk in "${jdks[@]}"; do
	java="$jdk/bin/java"
	echo "### $("$java" -version 2>&1 | head -1)"
	if [ "$what" = all ] || [ "$what" = precision ]; then
		echo
		echo "| ring | period | load | snapshot |"
		echo "|---|---|---|---|"
		"$java" -cp "$cp" io.flightrecorder.benchmarks.RingPrecision 10485760 PT10S 262144 5
		"$java" -cp "$cp" io.flightrecorder.benchmarks.RingPrecision 1048576 PT10S 262144 5
		"$java" -cp "$cp" io.flightrecorder.benchmarks.RingPrecision 52428800 PT30S 1048576 5
		"$java" -cp "$cp" io.flightrecorder.benchmarks.RingPrecision 10485760 PT2S 65536 5
		# the size bound under a heavy load (period far away): ring size, then load, in bytes
		for ring in "1048576 4194304" "1048576 2097152" "1048576 1048576" "2097152 2097152" \
			"4194304 4194304" "524288 1048576"; do
			read -r size load <<<"$ring"
			"$java" -cp "$cp" io.flightrecorder.benchmarks.RingPrecision "$size" PT1H "$load" 5
		done
		# how large a chunk grows, and how much of it its file shows, by span under 4 MB/s
		echo
		"$java" -cp "$cp" io.flightrecorder.benchmarks.ChunkSpans 4000000 1000 500 250 125
	fi
	if [ "$what" = all ] || [ "$what" = rotation ]; then
		echo
		echo "| recording | process CPU, % of one core, median | min - max |"
		echo "|---|---|---|"
		"$java" -cp "$cp" io.flightrecorder.benchmarks.RotationCost 5 20
		"$java" -cp "$cp" io.flightrecorder.benchmarks.RotationCost 5 20 1048576 PT1H 4194304
		echo
		"$java" -cp "$cp" io.flightrecorder.benchmarks.ChunkEndCost 5 50
	fi
	if [ "$what" = all ] || [ "$what" = paths ]; then
		echo
		echo "| snapshot | path | median | min - max |"
		echo "|---|---|---|---|"
		"$java" -cp "$cp" io.flightrecorder.benchmarks.SnapshotPaths 10485760 7
		"$java" -cp "$cp" io.flightrecorder.benchmarks.SnapshotPaths 52428800 7
	fi
	if [ "$what" = all ] || [ "$what" = soak ]; then
		echo
		"$java" -cp "$cp" io.flightrecorder.benchmarks.Soak 500 100 262144
	fi
	echo
done

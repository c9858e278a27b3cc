#!/usr/bin/env bash
# CPU time, wall time and peak heap of building one report (ReportCost), in the JVM and in a
# JVM of its own, and the smallest heap the report command builds it in, for recordings of
# about 1, 10 and 50 MiB, on JDK 17 and JDK 25; prints Markdown tables.
# Usage: benchmarks/report.sh [rounds, default 3]   (takes about 10 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
# shellcheck source=benchmarks/lib.sh
source benchmarks/lib.sh
build_benchmarks
for jdk in "${jdks[@]}"; do
	java="$jdk/bin/java"
	echo "### $("$java" -version 2>&1 | head -1)"
	echo
	echo "| recording | built | CPU time (this JVM) | wall time | peak heap of this JVM | page |"
	echo "|---|---|---|---|---|---|"
	"$java" -Xmx2g -cp "$cp" io.flightrecorder.benchmarks.ReportCost "$rounds" 1 10 50
	echo
done

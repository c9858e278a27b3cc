#!/usr/bin/env bash
# The costs of finding requests by trace ID (docs/tracing.md), on JDK 17 and JDK 25, as Markdown
# tables: indexing a saved dump beside saving it (IndexCost), a lookup over a fleet of 20
# instances x 10 dumps in S3Proxy (TraceLookupCost), and the observation handler per
# observation (JMH ObservationHandlerBenchmark) against a baseline commit, built in a worktree
# of its own: by default the one before the trace lookup, whose event was a static class
# without @jdk.jfr.Contextual.
# Usage: benchmarks/trace.sh [baseline commit, default 24fbfc9]   (about 12 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benchmarks/lib.sh
source benchmarks/lib.sh
build_benchmarks s3proxy
baseline=${1:-24fbfc9}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/baseline" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/baseline" "$baseline" >/dev/null
(cd "$work/baseline" && mvn -q -B -DskipTests -pl benchmarks -am package dependency:build-classpath \
	-Dmdep.outputFile=target/classpath.txt)
baseline_cp="$work/baseline/benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$(cat "$work/baseline/benchmarks/target/classpath.txt")"
jmh=(ObservationHandlerBenchmark -p handler=below-threshold,recorded,defaults -f 2 -wi 3 -i 5 -w 1s -r 1s)
for jdk in "${jdks[@]}"; do
	java="$jdk/bin/java"
	echo "### $("$java" -version 2>&1 | head -1)"
	echo
	echo "| dump | traced requests | save, ms | index, ms | index / save | index size |"
	echo "|---|---|---|---|---|---|"
	"$java" -cp "$cp" io.flightrecorder.benchmarks.IndexCost 10485760 1000 10
	"$java" -cp "$cp" io.flightrecorder.benchmarks.IndexCost 10485760 100 10
	echo
	echo "| fleet (instances x dumps) | dumps found | lookup, median ms | slowest ms | requests per lookup |"
	echo "|---|---|---|---|---|"
	"$java" -Ds3proxy.classpath=s3proxy/target/classpath.txt -cp "$cp" io.flightrecorder.benchmarks.TraceLookupCost 20 10 10
	echo
	for build in baseline current; do
		build_cp=$cp
		[ "$build" = baseline ] && build_cp=$baseline_cp
		echo "JMH, $build:"
		"$java" -cp "$build_cp" org.openjdk.jmh.Main "${jmh[@]}" | grep -E "^(Benchmark|ObservationHandlerBenchmark)"
	done
	echo
done

#!/usr/bin/env bash
# Throughput of downloading a saved dump of the sample app through Spring Boot Admin's instance
# proxy (flight-recorder-admin's tab) against directly, and the peak heap of the Spring Boot
# Admin server meanwhile, alternated in one run (AdminProxyCost), on JDK 17 and JDK 25; prints
# Markdown tables. Usage: benchmarks/admin-proxy.sh [rounds, default 5] [MiB, default 50]
# [the server's -Xmx, default 64m]   (takes about 3 minutes with the build)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
size=${2:-50}
heap=${3:-64m}
# shellcheck source=benchmarks/lib.sh
source benchmarks/lib.sh
mvn -q -B -DskipTests -pl sample-app -am install
build_benchmarks
for jdk in "${jdks[@]}"; do
	echo "### $("$jdk/bin/java" -version 2>&1 | head -1), Spring Boot Admin server with -Xmx$heap"
	echo
	echo "| dump | direct | through Spring Boot Admin | ratio | server's peak heap, direct | server's peak heap, through it |"
	echo "|---|---|---|---|---|---|"
	"$jdk/bin/java" "-Xmx$heap" -cp "$cp" io.flightrecorder.benchmarks.AdminProxyCost sample-app/target/sample-app.jar "$rounds" "$size"
	echo
done

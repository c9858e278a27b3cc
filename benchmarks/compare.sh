#!/usr/bin/env bash
# The sample app's snapshot over HTTP against jcmd JFR.dump, the naive dump-then-stream, the
# raw read of the same bytes and the chunk rotation, alternating, on JDK 17 and JDK 25, with
# rings of 1, 10 and 50 MiB; then the latency of a 409. Prints Markdown tables.
# Usage: benchmarks/compare.sh [rounds] [ring sizes in MiB...]   (about 6 minutes with the defaults)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
shift || true
rings=${*:-1 10 50}
mvn -q -B -DskipTests -pl benchmarks,sample-app -am install
mvn -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
mvn -q -B -pl sample-app dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
cp="benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:sample-app/target/classes:$(cat benchmarks/target/classpath.txt):$(cat sample-app/target/classpath.txt)"
for jdk in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64; do
	echo "#### $("$jdk/bin/java" -version 2>&1 | head -1)"
	echo
	"$jdk/bin/java" -cp "$cp" io.flightrecorder.benchmarks.SnapshotComparison "$rounds" $rings
	echo
done

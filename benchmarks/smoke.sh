#!/usr/bin/env bash
# A smoke run of the benchmarks for CI, in seconds: each harness once with the least work, to
# show that it still runs. Its numbers mean nothing; docs/performance.md has the real runs.
# Usage: benchmarks/smoke.sh   (after mvn verify or install)
set -euo pipefail
cd "$(dirname "$0")/.."
# in one reactor build, so that the project's own modules come from this build, not ~/.m2
mvn -q -B -DskipTests -pl benchmarks,sample-app -am package dependency:build-classpath \
	-Dmdep.outputFile=target/classpath.txt
cp="benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:sample-app/target/classes:$(cat benchmarks/target/classpath.txt):$(cat sample-app/target/classpath.txt)"
echo "== smoke: JMH ObservationHandlerBenchmark"
java -cp "$cp" org.openjdk.jmh.Main ObservationHandlerBenchmark -f 1 -wi 0 -i 1 -r 200ms -foe true \
	| grep -E "^(Benchmark|ObservationHandlerBenchmark)"
echo "== smoke: JMH EndpointMappingBenchmark"
java -cp "$cp" org.openjdk.jmh.Main EndpointMappingBenchmark -f 1 -wi 0 -i 1 -r 200ms -foe true \
	| grep -E "^(Benchmark|EndpointMappingBenchmark)"
echo "== smoke: ChunkSpans, one span of 125 ms"
java -cp "$cp" io.flightrecorder.benchmarks.ChunkSpans 1000000 125
echo "== smoke: ChunkEndCost, one round of 2 chunk ends each way"
java -cp "$cp" io.flightrecorder.benchmarks.ChunkEndCost 1 2
echo "== smoke: SnapshotComparison, one round, 1 MiB ring"
java -cp "$cp" io.flightrecorder.benchmarks.SnapshotComparison 1 1
echo "== smoke: ReportCost, one round, 1 MiB recording"
java -cp "$cp" io.flightrecorder.benchmarks.ReportCost 1 1
echo "== smoke: UploadCost, one round, 1 MiB dump, against S3Proxy"
mvn -q -B -pl s3proxy verify
java -Ds3proxy.classpath=s3proxy/target/classpath.txt -cp "$cp" io.flightrecorder.benchmarks.UploadCost 1 1
echo "== smoke: IndexCost, one round, 1 MiB ring"
java -cp "$cp" io.flightrecorder.benchmarks.IndexCost 1048576 100 1
echo "== smoke: EventTriggerLatency, 2 firings; EventStreamCost, one round of 1 s each"
java -cp "$cp" io.flightrecorder.benchmarks.EventTriggerLatency 2
java -cp "$cp" io.flightrecorder.benchmarks.EventStreamCost 1 1 262144
echo "== smoke: TraceLookupCost, 2 instances x 2 dumps, one lookup, against S3Proxy"
java -Ds3proxy.classpath=s3proxy/target/classpath.txt -cp "$cp" io.flightrecorder.benchmarks.TraceLookupCost 2 2 1

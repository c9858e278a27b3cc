#!/usr/bin/env bash
# Throughput and peak heap of uploading a saved dump to S3Proxy on this machine with
# S3DumpStorage, against a plain SDK putObject of the same file, alternated in one run
# (UploadCost), for dumps of 1, 10 and 50 MiB on JDK 17 and JDK 25; prints Markdown tables.
# Usage: benchmarks/upload.sh [rounds, default 5]   (takes about 2 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
# shellcheck source=benchmarks/lib.sh
source benchmarks/lib.sh
build_benchmarks s3proxy
for jdk in "${jdks[@]}"; do
	echo "### $("$jdk/bin/java" -version 2>&1 | head -1), -Xmx48m"
	echo
	echo "| dump | S3DumpStorage | plain putObject | ratio | peak heap, S3DumpStorage | peak heap, plain |"
	echo "|---|---|---|---|---|---|"
	"$jdk/bin/java" -Xmx48m -Ds3proxy.classpath=s3proxy/target/classpath.txt -cp "$cp" \
		io.flightrecorder.benchmarks.UploadCost "$rounds" 1 10 50
	echo
done

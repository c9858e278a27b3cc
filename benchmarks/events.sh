#!/usr/bin/env bash
# The costs of the event triggers (docs/triggers.md), on JDK 17 and JDK 25, as Markdown rows:
# the time from a JFR event's end to its saved dump over 20 firings (EventTriggerLatency), and
# the CPU of reading the rules' events from the ring's repository against a RecordingStream of
# its own (EventStreamCost). The CPU per request of the sample app with three rules on is
# paired.sh's (see docs/performance.md), the heap over 30 minutes EventTriggerSoak's:
#   java -cp "$cp" io.flightrecorder.benchmarks.EventTriggerSoak 30 10
# Usage: benchmarks/events.sh   (about 6 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benchmarks/lib.sh
source benchmarks/lib.sh
build_benchmarks
for jdk in "${jdks[@]}"; do
	java="$jdk/bin/java"
	echo "### $("$java" -version 2>&1 | head -1)"
	echo
	echo "| firings | event end to firing, median ms | max ms | event end to saved dump, median ms | max ms |"
	echo "|---|---|---|---|---|"
	"$java" -cp "$cp" io.flightrecorder.benchmarks.EventTriggerLatency 20
	echo
	echo "| ring alone, CPU ms/s | + EventTriggers (EventStream.openRepository()) | + a RecordingStream of its own |"
	echo "|---|---|---|"
	"$java" -cp "$cp" io.flightrecorder.benchmarks.EventStreamCost 6 10 1048576
	echo
done

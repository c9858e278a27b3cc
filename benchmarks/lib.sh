# Shared by the benchmark scripts; they source it after changing to the project's root.

# The JDK to run the sample app with: the given one, else JAVA_HOME, else the java on the PATH.
java_home_or_default() {
	echo "${1:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}"
}

# The median of the numbers given; of an even count, the lower of the two in the middle.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The request that paired.sh and profile.sh load the sample app with: REQUEST= sets it (such as
# /cpu?n=100000, about 5 ms of CPU); by default /cpu?n=2000, about 100 µs.
request=${REQUEST:-/cpu?n=2000}

# The JDKs that run.sh and report.sh measure on.
jdks=(/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64)

# Builds the benchmarks and the modules they use, and sets cp to their class path; with the
# argument s3proxy, also S3Proxy's class path (-Ds3proxy.classpath=s3proxy/target/classpath.txt).
build_benchmarks() {
	mvn -q -B -DskipTests -pl benchmarks -am install
	mvn -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
	cp="benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)"
	if [ "${1:-}" = s3proxy ]; then
		mvn -q -B -pl s3proxy verify
	fi
}

# Installs wrk, the load generator of the sample-app harnesses, if it is missing.
require_wrk() {
	command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
}

# The CPU time process $1 used (user + system), in clock ticks: unlike requests/s, not lowered
# by other processes taking the core.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# The CPU time, in clock ticks, of the live threads of process $1, read at once: of all, then
# of those whose names match each extended regular expression given after it. Linux cuts a
# thread's name to 15 characters: Tomcat's http-nio-18081-exec-1 reads http-nio-18081-.
thread_ticks() {
	local pid=$1
	shift
	{ cat /proc/"$pid"/task/*/stat 2>/dev/null || true; } | awk -v res="$*" '
		BEGIN { n = split(res, re, " ") }
		{
			match($0, /.*\) /)
			name = substr($0, index($0, "(") + 1, RLENGTH - index($0, "(") - 2)
			split(substr($0, RLENGTH + 1), field, " ")
			ticks = field[12] + field[13]
			sum[0] += ticks
			for (i = 1; i <= n; i++) if (name ~ re[i]) sum[i] += ticks
		}
		END { for (i = 0; i <= n; i++) printf "%d%s", sum[i], (i < n ? " " : "\n") }'
}

# CPU µs per request from $1 clock ticks and $2 requests.
cpu_per_request() { awk -v t="$1" -v r="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz * 1e6 / r }'; }

# The sample app's modes, as throughput.sh's header describes them: sets the arrays jvm (the
# JVM's options) and args (the application's arguments) by mode name. $1: a directory for
# plain JFR's recording file; $port must be set (the management-port mode takes the next).
sample_app_modes() {
	# every dump of the sample app's configuration off but gc-pause's, which event-rules turns on
	local no_other_dumps="--flight-recorder.triggers.slow-observation.enabled=false \
--flight-recorder.triggers.error.enabled=false --flight-recorder.dumps.on-exit=false \
--flight-recorder.triggers.deadlock.enabled=false"
	local no_dumps="$no_other_dumps --flight-recorder.triggers.gc-pause.enabled=false"
	local no_triggers="$no_dumps --flight-recorder.dumps.on-crash=false"
	local no_endpoint="--management.endpoints.web.exposure.include=health,metrics,prometheus"
	local starter_defaults="$no_dumps $no_endpoint"
	# plain JFR's recording, as jcmd's JFR.start takes its options
	local plain_jfr="settings=default maxage=10s maxsize=10m filename=$1/plain.jfr"
	declare -gA jvm=(
		[plain-jfr]="-XX:StartFlightRecording:${plain_jfr// /,}"
		[jfr-at-start]="-XX:StartFlightRecording:settings=none"
		[ring-jfr-at-start]="-XX:StartFlightRecording:settings=none"
		[starter-defaults-jfr-at-start]="-XX:StartFlightRecording:settings=none,disk=false"
	)
	# JFR.start's options for the modes whose recording jcmd starts once the app answers
	declare -gA late_jfr=(
		[plain-jfr-late]="$plain_jfr"
	)
	declare -gA args=(
		[starter-disabled]="--flight-recorder.enabled=false"
		[plain-jfr]="--flight-recorder.enabled=false"
		[plain-jfr-late]="--flight-recorder.enabled=false"
		[observations-off]="--flight-recorder.observations.enabled=false"
		[default]=""
		[jfr-at-start]=""
		[every-request]="--flight-recorder.observations.threshold=0"
		[ring-only]="--flight-recorder.observations.enabled=false $no_triggers --flight-recorder.period=10m"
		[ring-jfr-at-start]="--flight-recorder.observations.enabled=false $no_triggers --flight-recorder.period=10m"
		[ring-no-endpoint]="--flight-recorder.observations.enabled=false $no_triggers --flight-recorder.period=10m \
$no_endpoint"
		[ring-rotating]="--flight-recorder.observations.enabled=false $no_triggers"
		[no-triggers]="$no_triggers"
		[default-period-10m]="--flight-recorder.period=10m"
		[default-no-endpoint]="$no_endpoint"
		[starter-defaults]="$starter_defaults"
		[starter-defaults-jfr-at-start]="$starter_defaults"
		[starter-defaults-no-events]="$starter_defaults --flight-recorder.observations.enabled=false"
		[starter-defaults-period-10m]="$starter_defaults --flight-recorder.period=10m"
		[management-port]="--management.server.port=$((port + 1))"
		[profile]="--flight-recorder.settings=profile"
		[event-rules]="$no_other_dumps $no_endpoint --flight-recorder.triggers.gc-pause.enabled=true \
--flight-recorder.triggers.pinned.enabled=true --flight-recorder.triggers.monitor-wait.enabled=true"
		[event-rules-jdk17]="$no_other_dumps $no_endpoint --flight-recorder.triggers.gc-pause.enabled=true \
--flight-recorder.triggers.safepoint.enabled=true --flight-recorder.triggers.monitor-wait.enabled=true"
		[cpu-time]="--flight-recorder.events[0].name=jdk.CPUTimeSample --flight-recorder.events[0].enabled=true \
--flight-recorder.events[0].throttle=10ms"
	)
}

# Starts the sample app of $java_home pinned to core 0 on $port in mode $1, its dumps under
# $2, its log in $3, and waits until it answers; sets app to its pid and actuator to the
# address of its actuator (its own port in the management-port mode). APP_JAR= runs another
# jar of it, such as the one `java -Djarmode=tools -jar sample-app.jar extract` writes, which
# starts without Spring Boot's launcher.
start_sample_app() {
	# shellcheck disable=SC2086
	taskset -c 0 "$java_home/bin/java" ${jvm[$1]:-} -jar "${APP_JAR:-sample-app/target/sample-app.jar}" --server.port="$port" \
		--flight-recorder.dumps.directory="$2" ${args[$1]} >"$3" 2>&1 &
	app=$!
	actuator="localhost:$port/actuator"
	if [[ ${args[$1]} =~ management.server.port=([0-9]+) ]]; then
		actuator="localhost:${BASH_REMATCH[1]}/actuator"
	fi
	until curl -sf "$actuator/health" >/dev/null; do
		kill -0 "$app" 2>/dev/null || { echo "The sample app ($1) did not start; its log: $3" >&2; exit 1; }
		sleep 0.2
	done
	if [[ -n ${late_jfr[$1]:-} ]]; then
		# shellcheck disable=SC2086
		"$java_home/bin/jcmd" "$app" JFR.start ${late_jfr[$1]} >/dev/null
	fi
}

# Shared by the benchmark scripts; they source it after changing to the project's root.

# The JDK to run the sample app with: the given one, else JAVA_HOME, else the java on the PATH.
java_home_or_default() {
	echo "${1:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}"
}

# The median of the numbers given; of an even count, the lower of the two in the middle.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The JDKs that run.sh and report.sh measure on.
jdks=(/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64)

# Builds the benchmarks and the modules they use, and sets cp to their class path.
build_benchmarks() {
	mvn -q -B -DskipTests -pl benchmarks -am install
	mvn -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
	cp="benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)"
}

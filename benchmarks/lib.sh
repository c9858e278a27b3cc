# Shared by the benchmark scripts; they source it after changing to the project's root.

# The JDK to run the sample app with: the given one, else JAVA_HOME, else the java on the PATH.
java_home_or_default() {
	echo "${1:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}"
}

# The median of the numbers given; of an even count, the lower of the two in the middle.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

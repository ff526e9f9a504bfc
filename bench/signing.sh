#!/usr/bin/env bash
# Measures the cost of signing and verifying an edgeauth access token (JWS) for each
# algorithm x JCA provider, on every JDK available, and prints a markdown table ready for
# bench/RESULTS.md. The JMH project is bench/signing/ (standalone, not in the root build).
#
# Usage:  bench/signing.sh [JMH options...]
#   bench/signing.sh                                   full suite, ~5 min per JDK
#   bench/signing.sh -p variant=ED25519_BC,ES256_JDK   only some variants
#   bench/signing.sh -wi 1 -i 1 -w 1 -r 1               quick smoke run (figures meaningless)
# Environment:
#   BENCH_JAVA_HOMES="/path/jdk-a /path/jdk-b"   JDKs to run on, instead of the default
#                                                  java plus Temurin 25 when installed.
# Output: bench/signing/results/jmh-jdkNN.{json,log} and summary.md (the printed report).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
BENCH_DIR="$ROOT/bench/signing"
RESULTS_DIR="$BENCH_DIR/results"
JAR="$BENCH_DIR/target/signing-bench.jar"
TEMURIN_25=/usr/lib/jvm/temurin-25-jdk-amd64

# The java binaries to measure on.
java_binaries() {
    if [[ -n "${BENCH_JAVA_HOMES:-}" ]]; then
        for home in $BENCH_JAVA_HOMES; do echo "$home/bin/java"; done
        return
    fi
    command -v java
    if [[ -x "$TEMURIN_25/bin/java" ]]; then echo "$TEMURIN_25/bin/java"; fi
}

# "17", "25", ... for a java binary.
feature_version() {
    "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}'
}

machine_report() {
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- cores (nproc): $(nproc)"
    echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "- memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "- load average (1/5/15 min) at start: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# Prints one line per finished benchmark while the full JMH output goes to the log.
progress() {
    awk '/^# Benchmark: / {name = $3; sub(/.*\./, "", name)}
         /^# Parameters: / {params = $3 " " $4 " " $5}
         /^Result / {getline; printf "  %-6s %-28s %s\n", name, params, $0; fflush()}'
}

main() {
    local mvn=mvn
    if [[ -x "$ROOT/mvnw" ]]; then mvn="$ROOT/mvnw"; fi
    echo "Building $JAR with $mvn ..." >&2
    (cd "$ROOT" && "$mvn" -q -f bench/signing/pom.xml package -DskipTests)

    mkdir -p "$RESULTS_DIR"
    local header
    header="$(machine_report)"
    echo "$header"

    local results=() done_versions=" " failures=()
    while read -r java; do
        local version
        version="$(feature_version "$java")"
        if [[ -z "$version" || "$done_versions" == *" $version "* ]]; then continue; fi
        done_versions+="$version "
        local json="$RESULTS_DIR/jmh-jdk$version.json" log="$RESULTS_DIR/jmh-jdk$version.log"
        echo
        echo "== JDK $version: $java ($("$java" -version 2>&1 | head -1))"
        rm -f "$json"
        local status=0
        "$java" -jar "$JAR" -rf json -rff "$json" "$@" 2>&1 | tee "$log" | progress || status=$?
        if [[ $status -ne 0 ]]; then failures+=("JDK $version: JMH exited with $status, see $log"); fi
        if grep -q '<failure>' "$log"; then failures+=("JDK $version: benchmark errors, see '<failure>' in $log"); fi
        if [[ -s "$json" ]]; then results+=("$json"); fi
    done < <(java_binaries)

    if [[ ${#results[@]} -eq 0 ]]; then
        echo "No results produced." >&2
        exit 1
    fi
    {
        echo "## JWT signing benchmark"
        echo
        echo "$header"
        echo "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
        echo "- command: bench/signing.sh $*"
        echo
        python3 "$BENCH_DIR/summarize.py" "${results[@]}"
        for failure in "${failures[@]+"${failures[@]}"}"; do echo "- FAILED: $failure"; done
    } > "$RESULTS_DIR/summary.md"
    echo
    cat "$RESULTS_DIR/summary.md"
    replace_section signing "$RESULTS_DIR/summary.md"
    if [[ ${#failures[@]} -ne 0 ]]; then exit 1; fi
}

main "$@"

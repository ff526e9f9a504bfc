#!/usr/bin/env bash
# Benchmark: logins per second against the raw rate of the same password encoder in the same run.
#
#   bench/login.sh        (BENCH_RUNS=3 BENCH_DURATION=15s BENCH_CONNECTIONS=16 by default)
#
# Baseline: Argon2id (7 MiB, t=5, p=1, the auth-service's default) checking passwords on as many threads
# as the auth-service's hashing pool (one per core), with nothing else running. Load: POST /auth/login with
# wrk on a running auth-service (durable embedded PostgreSQL in a temporary folder), round-robin over 64
# users, all with the right password: each login checks a hash, writes a session, a refresh token and an
# audit row, and signs an access token. Reported as the ratio login rate ÷ hash rate (Keycloak: 0.28).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS="${BENCH_RUNS:-3}"
DURATION="${BENCH_DURATION:-15s}"
PORT=19000
MANAGEMENT_PORT=19100
THREADS="$(nproc)"
bench_workspace
need_wrk
say "building the baseline"
(cd "$ROOT" && ./mvnw -q -B -f bench/login/pom.xml package dependency:build-classpath \
  -Dmdep.outputFile="$WORK/classpath.txt")
BASELINE_CP="$ROOT/bench/login/target/classes:$(cat "$WORK/classpath.txt")"

start_module auth-service "$MANAGEMENT_PORT" EDGEAUTH_AUTH_PORT=$PORT EDGEAUTH_AUTH_MANAGEMENT_PORT=$MANAGEMENT_PORT \
  EDGEAUTH_KEK="$(head -c 32 /dev/urandom | base64)"

say "signing up 64 users"
USERS="$WORK/users.txt"
: >"$USERS"
for i in $(seq 1 64); do
  email="bench$i@example.com"
  curl -fsS -o /dev/null -X POST "http://localhost:$PORT/auth/signup" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"correct horse battery staple\"}"
  echo "$email" >>"$USERS"
done

export BENCH_USERS_FILE="$USERS"
LOGIN_URL="http://localhost:$PORT"
say "warming up"
BENCH_DURATION=20s run_wrk warmup "$LOGIN_URL" -s "$ROOT/bench/login/login.lua" >/dev/null
# Baseline and load alternate, so drift of the (shared) machine affects both alike; the service is idle while
# the baseline runs.
ROWS="$WORK/rows"
: >"$ROWS"
for run in $(seq 1 "$RUNS"); do
  say "run $run/$RUNS: raw Argon2id checks on $THREADS threads"
  echo "hash $(java -cp "$BASELINE_CP" dev.edgeauth.bench.login.HashRate "$THREADS" "${DURATION%s}")" >>"$ROWS"
  say "run $run/$RUNS: logins"
  row="$(BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-16}" run_wrk login "$LOGIN_URL" -s "$ROOT/bench/login/login.lua")"
  echo "$row" >>"$ROWS"
done

hash_rate="$(awk '$1 == "hash" {print $2}' "$ROWS" | median)"
login_rate="$(awk '$1 == "login" {print $2}' "$ROWS" | median)"
SECTION="$WORK/section.md"
{
  echo "## auth-service: password login throughput"
  echo
  echo "- Command: \`bench/login.sh\` (wrk -t2 -c${BENCH_CONNECTIONS:-16} -d${BENCH_DURATION:-15s} POST /auth/login, median of $RUNS runs alternating with the baseline, after a warm-up)"
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $(machine); wrk on the same cores"
  echo "- Encoder: Argon2id 7 MiB, t=5, p=1 (Spring Security + Bouncy Castle); hashing pool $THREADS threads; durable embedded PostgreSQL 18"
  echo
  echo "| load | per second | p50 ms | p99 ms | non-2xx |"
  echo "|---|---:|---:|---:|---:|"
  echo "| baseline: raw password checks, $THREADS threads, same encoder | $hash_rate | | | |"
  echo "| POST /auth/login (right password, new session each) | $login_rate | $(awk '$1 == "login" {print $3}' "$ROWS" | median) | $(awk '$1 == "login" {print $4}' "$ROWS" | median) | $(awk '$1 == "login" {print $6}' "$ROWS" | median) |"
  echo
  echo "Ratio logins ÷ raw checks: **$(awk -v a="$login_rate" -v b="$hash_rate" 'BEGIN {printf "%.2f", a / b}')** (target ≥ 0.9; Keycloak 26 reaches 0.28 of its own ceiling)."
} >"$SECTION"
replace_section login "$SECTION"
cat "$SECTION"

#!/usr/bin/env bash
# Soak: the scale-out topology under minutes of mixed load, then every row reconciled against the answers.
#
#   bench/soak.sh      (BENCH_SOAK_SECONDS=300 BENCH_SOAK_MAX_REQUESTS=2000000 BENCH_SOAK_CLIENTS=16
#                       BENCH_SOAK_USERS=1000 by default)
#
# It starts what specs/operations.md ("Scale-out") describes, each service with ./edgeauth's JVM arguments: HAProxy
# (Debian's, haproxy/haproxy.cfg) on 19080 in front of two gateways, which reach two auth-services through HAProxy
# (19090 for their routes and JWKS, 19091 for the revocation feed); the auth-services share one PostgreSQL (the
# first one's embedded server on 19532); one task-service (its embedded server on 19582); the machine's Redis at
# 127.0.0.1:6379 under a key prefix of this run. Then bench/soak/SoakDriver.java drives the load through HAProxy
# on the JDK's HTTP client (40 % task reads, 20 % task writes, 15 % refreshes, a third of them as concurrent
# pairs on one token, 10 % logins, 5 % logouts, 10 % hostile: forged tokens, made-up identity headers, a login
# flood from one address) and reconciles both databases against the answers it got. Heap and RSS of every
# process are taken before and after. Figures go to bench/RESULTS.md. It is not a test: it runs outside
# ./mvnw verify; its reconciliation fails the command (exit 1) when a row does not match or a 5xx was answered.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SECONDS_TO_RUN="${BENCH_SOAK_SECONDS:-300}"
MAX_REQUESTS="${BENCH_SOAK_MAX_REQUESTS:-2000000}"
CLIENTS="${BENCH_SOAK_CLIENTS:-16}"
USERS="${BENCH_SOAK_USERS:-1000}"
bench_workspace

command -v haproxy >/dev/null || {
  say "installing haproxy (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
}
(exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null || { say "no Redis at 127.0.0.1:6379 (.ci/run starts one)"; exit 1; }
secret() { head -c 32 /dev/urandom | base64; }
OPERATOR="$(secret)"; FEED="$(secret)"; KEK="$(secret)"
COMMON=(EDGEAUTH_OPERATOR_TOKEN="$OPERATOR" EDGEAUTH_SHUTDOWN_DRAIN=3s)
AUTH=("${COMMON[@]}" EDGEAUTH_KEK="$KEK" EDGEAUTH_FEED_TOKEN="$FEED" EDGEAUTH_BACKEND_TRUSTED_PROXIES=127.0.0.1/32)
declare -A PIDS

BENCH_INSTANCE=task-service start_module task-service 19681 "${COMMON[@]}" EDGEAUTH_TASK_PORT=19581 \
  EDGEAUTH_TASK_MANAGEMENT_PORT=19681 EDGEAUTH_DATABASE_EMBEDDED_PORT=19582 \
  EDGEAUTH_DATABASE_EMBEDDED_DATA_DIR="$WORK/data/task-service" EDGEAUTH_BACKEND_TRUSTED_PROXIES=127.0.0.1/32
PIDS[task-service]=$SERVICE_PID
BENCH_INSTANCE=auth-service-1 start_module auth-service 19600 "${AUTH[@]}" EDGEAUTH_AUTH_PORT=19500 \
  EDGEAUTH_AUTH_MANAGEMENT_PORT=19600 EDGEAUTH_DATABASE_EMBEDDED_PORT=19532 \
  EDGEAUTH_DATABASE_EMBEDDED_DATA_DIR="$WORK/data/auth-service"
PIDS[auth-service-1]=$SERVICE_PID
BENCH_INSTANCE=auth-service-2 start_module auth-service 19601 "${AUTH[@]}" EDGEAUTH_AUTH_PORT=19501 \
  EDGEAUTH_AUTH_MANAGEMENT_PORT=19601 EDGEAUTH_DATABASE_URL=postgresql://postgres@localhost:19532/postgres
PIDS[auth-service-2]=$SERVICE_PID

say "starting haproxy (log: $WORK/haproxy.log)"
env EDGEAUTH_LB_PUBLIC=127.0.0.1:19080 EDGEAUTH_LB_AUTH=127.0.0.1:19090 EDGEAUTH_LB_FEED=127.0.0.1:19091 \
  EDGEAUTH_LB_STATS=127.0.0.1:19092 \
  EDGEAUTH_LB_GATEWAY_1=127.0.0.1:19580 EDGEAUTH_LB_GATEWAY_1_CHECK=19680 \
  EDGEAUTH_LB_GATEWAY_2=127.0.0.1:19583 EDGEAUTH_LB_GATEWAY_2_CHECK=19683 \
  EDGEAUTH_LB_AUTH_1=127.0.0.1:19500 EDGEAUTH_LB_AUTH_1_FEED=127.0.0.1:19600 EDGEAUTH_LB_AUTH_1_CHECK=19600 \
  EDGEAUTH_LB_AUTH_2=127.0.0.1:19501 EDGEAUTH_LB_AUTH_2_FEED=127.0.0.1:19601 EDGEAUTH_LB_AUTH_2_CHECK=19601 \
  haproxy -db -f "$ROOT/haproxy/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
BENCH_PIDS+=("$!")

for n in 1 2; do
  port=$((19577 + 3 * n)); management=$((19677 + 3 * n))
  BENCH_INSTANCE=gateway-$n start_module gateway "$management" "${COMMON[@]}" EDGEAUTH_GATEWAY_PORT="$port" \
    EDGEAUTH_GATEWAY_MANAGEMENT_PORT="$management" EDGEAUTH_AUTH_URL=http://127.0.0.1:19090 \
    EDGEAUTH_AUTH_INTERNAL_URL=http://127.0.0.1:19091 EDGEAUTH_TASK_URL=http://127.0.0.1:19581 \
    EDGEAUTH_FEED_TOKEN="$FEED" EDGEAUTH_GATEWAY_TRUSTED_PROXIES=127.0.0.1/32 \
    EDGEAUTH_REDIS_KEY_PREFIX="soak-$$-$(date +%s):"
  PIDS[gateway-$n]=$SERVICE_PID
done
say "waiting until HAProxy has every server up"
until [ "$(curl -fsS 'http://127.0.0.1:19092/stats;csv' 2>/dev/null | awk -F, '$2 ~ /^(gateway|auth)-/ && $18 != "UP"' | wc -l)" = 0 ] \
  && curl -fsS 'http://127.0.0.1:19092/stats;csv' | grep -q '^gateways,gateway-2'; do sleep 1; done

NAMES=(gateway-1 gateway-2 auth-service-1 auth-service-2 task-service)
# heap used / committed (MB) from jstat -gc: S0C S1C S0U S1U EC EU OC OU ...
heap() { jstat -gc "$1" | awk 'NR == 2 { printf "%.0f / %.0f", ($3+$4+$6+$8)/1024, ($1+$2+$5+$7)/1024 }'; }
declare -A BEFORE_RSS BEFORE_HEAP
for name in "${NAMES[@]}"; do BEFORE_RSS[$name]="$(rss_mb "${PIDS[$name]}")"; BEFORE_HEAP[$name]="$(heap "${PIDS[$name]}")"; done

PGJAR="$(ls "$HOME"/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -n 1)"
say "soak: ${SECONDS_TO_RUN}s or $MAX_REQUESTS requests, $CLIENTS clients, $USERS users"
status=0
java -cp "$PGJAR" "$ROOT/bench/soak/SoakDriver.java" --url http://127.0.0.1:19080 \
  --auth-jdbc 'jdbc:postgresql://localhost:19532/postgres?user=postgres' \
  --task-jdbc 'jdbc:postgresql://localhost:19582/postgres?user=postgres' \
  --seconds "$SECONDS_TO_RUN" --max-requests "$MAX_REQUESTS" --clients "$CLIENTS" --users "$USERS" \
  >"$WORK/soak.md" || status=$?
cat "$WORK/soak.md"

{
  echo "## Soak: the scale-out topology under mixed load, reconciled"
  echo
  echo "\`bench/soak.sh\` (${SECONDS_TO_RUN} s or $MAX_REQUESTS requests, $CLIENTS clients, $USERS users), $(date -u +%F),"
  echo "$(machine). HAProxy 2.6 in front of two gateways and two auth-services (one PostgreSQL), one task-service, the"
  echo "machine's Redis; every service with ./edgeauth's JVM arguments; the driver on the same machine (it shares"
  echo "the 2 cores, so the throughput is the whole machine's, not the stack's alone)."
  echo
  cat "$WORK/soak.md"
  echo
  echo "| process | RSS before → after (MB) | heap used / committed before → after (MB) |"
  echo "|---|---|---|"
  for name in "${NAMES[@]}"; do
    echo "| $name | ${BEFORE_RSS[$name]} → $(rss_mb "${PIDS[$name]}") | ${BEFORE_HEAP[$name]} → $(heap "${PIDS[$name]}") |"
  done
} >"$WORK/section.md"
replace_section soak "$WORK/section.md"
say "figures written to bench/RESULTS.md (section soak)"
exit "$status"

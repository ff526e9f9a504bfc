#!/usr/bin/env bash
# Benchmark: the edgeauth gateway against the same GET /api/tasks load direct and through a stock Spring
# Cloud Gateway + OAuth2 resource server, in one run:
#   (a) direct to the task-service (X-User-Id rotating over the users)
#   (b) through the gateway, route without auth                      [static backend: the task-service
#                                                                      answers 401 without X-User-Id]
#   (c) through the gateway with valid EdDSA JWTs, verified-token cache on, then off
#   (d) through the stock gateway + resource server, RS256 JWTs from a bench RSA key (its Nimbus decoder
#       has no EdDSA, and refuses typ at+jwt by default: its tokens say typ JWT)
# then the same through both gateways in front of a static backend (nginx, 2 KB JSON).
#
#   bench/gateway.sh        (BENCH_RUNS=3 BENCH_DURATION=15s BENCH_CONNECTIONS=64 BENCH_TOKENS=10000 BENCH_WARMUP=30s)
#   bench/gateway.sh --baseline REF   instead, this gateway against the gateway of git REF (HEAD~1, say),
#                           both running, their loads interleaved round by round (BENCH_ROUNDS=5, static
#                           backend, verified-token cache on and off), each with the api route as its own
#                           default routes file has it; section "gateway-baseline" of RESULTS.md
#   BENCH_PROFILE=1 ...     also records a JFR profile of the gateway (static backend; the verified-token cache
#                           on, or BENCH_PROFILE_CACHE=false) into bench/gateway/profile-*.txt (top frames) and
#                           bench/gateway/profile.jfr (allocation samples too); the figures of such a run are not
#                           written to RESULTS.md.
#
# It starts everything it needs on loopback ports 28080-28280 (task-service with a durable embedded
# PostgreSQL in a temporary folder, nginx with its own config, the gateways one at a time) and stops it
# all at the end. Tokens: BENCH_TOKENS distinct users, one token each (minted with bench-only keys); wrk
# rotates them per request. Limits are raised for the run (a per-user policy of 1,000,000/s: the limiter
# still runs on every request). Only 2xx answers are counted. It is not a test: nothing fails on speed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BASELINE=""
if [ "${1:-}" = "--baseline" ]; then
  BASELINE="${2:?--baseline needs a git ref}"
fi
RUNS="${BENCH_RUNS:-3}"
TOKENS="${BENCH_TOKENS:-10000}"
PROFILE="${BENCH_PROFILE:-0}"
PROFILE_CACHE="${BENCH_PROFILE_CACHE:-true}"
# Each gateway's warm-up on the static route (then 10 s on the task route): long enough for the JIT to
# finish compiling the proxy path on 2 shared cores, the same for both gateways.
WARMUP="${BENCH_WARMUP:-30s}"
# Reactor's call stacks are deep: record whole stacks, so inclusive shares reach the filters.
PROFILE_OPTS=""
[ "$PROFILE" = 1 ] && PROFILE_OPTS="-XX:FlightRecorderOptions:stackdepth=512"
TASK_PORT=28081
TASK_MANAGEMENT_PORT=28181
NGINX_PORT=28090
NGINX_FEED_PORT=28091
GATEWAY_PORT=28080
GATEWAY_MANAGEMENT_PORT=28180
STOCK_PORT=28280
# The gateway's JVM flags (both gateways get the same, so the comparison is about the code): a fixed
# 128 MB heap with the serial collector (small live set, 2 cores shared with the load generator), capped
# metaspace, code cache and direct memory so RSS stays near 300 MB, and (where the JDK has it, 17.0.9 and
# later) a periodic trim of the C heap, which otherwise keeps the JIT compiler's freed memory (~35 MB).
TRIM_OPTS="-XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000"
java $TRIM_OPTS -version >/dev/null 2>&1 || TRIM_OPTS=""
GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS:--XX:+UseSerialGC -Xms128m -Xmx128m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=64m -Xss512k $TRIM_OPTS}"
# glibc gives every thread that mallocs its own arena (64 MB reserved each); two are plenty for a JVM whose
# large allocations are its own heaps. Same for both gateways.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
WORK="$(mktemp -d)"
BENCH_DIR="$ROOT/bench/gateway"
PIDS=()

cleanup() {
  set +e
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  [ -f "$WORK/nginx.pid" ] && kill -TERM "$(cat "$WORK/nginx.pid")" 2>/dev/null
  sleep 1
  [ -d "$WORK/baseline" ] && git -C "$ROOT" worktree remove --force "$WORK/baseline" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

need_wrk
if ! command -v nginx >/dev/null; then
  say "installing nginx (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi

say "building gateway, task-service and the stock gateway"
(cd "$ROOT" && ./mvnw -q -B -DskipTests clean package -pl gateway,task-service -am)
(cd "$ROOT" && ./mvnw -q -B -DskipTests -f bench/stock-gateway/pom.xml clean package)
jar_of() { ls "$1"/target/*.jar | grep -v -- '-tests\|plain\|original' | head -n 1; }
GATEWAY_JAR="$(jar_of "$ROOT/gateway")"
TASK_JAR="$(jar_of "$ROOT/task-service")"
STOCK_JAR="$(jar_of "$ROOT/bench/stock-gateway")"
if [ -n "$BASELINE" ]; then
  BASELINE_COMMIT="$(git -C "$ROOT" rev-parse --short "$BASELINE")"
  say "building the gateway of $BASELINE ($BASELINE_COMMIT) in a worktree"
  git -C "$ROOT" worktree add --detach -q "$WORK/baseline" "$BASELINE_COMMIT"
  (cd "$WORK/baseline" && ./mvnw -q -B -DskipTests clean package -pl gateway -am)
  BASELINE_JAR="$(jar_of "$WORK/baseline/gateway")"
fi

say "minting $TOKENS EdDSA and $TOKENS RS256 tokens (bench keys)"
mkdir -p "$WORK/www" "$WORK/nginx-tmp"
# nginx's workers run as an unprivileged user: they must reach the static files.
chmod 755 "$WORK" "$WORK/www"
java "$BENCH_DIR/MintTokens.java" "$WORK" "$TOKENS"
cp "$WORK/jwks-ed25519.json" "$WORK/jwks-rsa.json" "$WORK/www/"
chmod 644 "$WORK"/www/*
# A fixed 2 KB JSON page: 20 task-shaped items.
{
  printf '{"items":['
  for i in $(seq 1 20); do
    [ "$i" -gt 1 ] && printf ','
    printf '{"id":"00000000-0000-4000-8000-%012d","title":"static task %02d","completed":false}' "$i" "$i"
  done
  printf '],"next_cursor":null}'
} >"$WORK/www/tasks.json.tmp"
# Pad to exactly 2048 bytes with spaces before the final brace.
size=$(stat -c %s "$WORK/www/tasks.json.tmp")
head -c $((size - 1)) "$WORK/www/tasks.json.tmp" >"$WORK/www/tasks.json"
printf '%*s}' $((2048 - size)) '' >>"$WORK/www/tasks.json"
chmod 644 "$WORK/www/tasks.json"

say "starting nginx on $NGINX_PORT"
sed -e "s|@WORK@|$WORK|g" -e "s|@PORT@|$NGINX_PORT|g" -e "s|@FEED_PORT@|$NGINX_FEED_PORT|g" "$BENCH_DIR/nginx.conf.template" >"$WORK/nginx.conf"
nginx -c "$WORK/nginx.conf" -p "$WORK" -g 'daemon on;'
wait_http "http://127.0.0.1:$NGINX_PORT/api/tasks" 10

say "starting task-service (log: $WORK/task-service.log)"
(cd "$WORK" && EDGEAUTH_TASK_PORT=$TASK_PORT EDGEAUTH_TASK_MANAGEMENT_PORT=$TASK_MANAGEMENT_PORT EDGEAUTH_LOG_FORMAT= \
  exec java -jar "$TASK_JAR") >"$WORK/task-service.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$TASK_MANAGEMENT_PORT/actuator/health/readiness"

# The default api route's two windows (per IP, then per user), with limits the load never reaches.
cat >"$WORK/routes.yaml" <<ROUTES
rate-limit-policies:
  - name: api-ip
    limit: 1000000
    period: 1s
    key: ip
  - name: api
    limit: 1000000
    period: 1s
    key: user
routes:
  - id: api
    paths: [/api/**]
    uri: http://127.0.0.1:$TASK_PORT
    rate-limit-policies: [api-ip, api]
  - id: static
    paths: [/static/**]
    uri: http://127.0.0.1:$NGINX_PORT
    rate-limit-policies: [api-ip, api]
  - id: open
    paths: [/open/**]
    uri: http://127.0.0.1:$NGINX_PORT
    token-required: false
ROUTES

# A gateway whose routes file knows no policy lists gets the api route as it shipped then: one policy.
sed 's/rate-limit-policies: \[api-ip, api\]/rate-limit-policy: api/' "$WORK/routes.yaml" >"$WORK/routes-single.yaml"
routes_for() { # routes_for SOURCE_ROOT: the routes file matching that source's own default routes
  if grep -q 'rate-limit-policies: \[' "$1/gateway/src/main/resources/edgeauth/default-routes.yaml"; then
    echo "$WORK/routes.yaml"
  else
    echo "$WORK/routes-single.yaml"
  fi
}

# load NAME URL [FILE HEADER PREFIX]: lib.sh's run_wrk, with the rotating-header script when a file is given.
load() {
  local name="$1" url="$2"; shift 2
  if [ $# -gt 0 ]; then
    run_wrk "$name" "$url" -s "$ROTATE" -- "$@"
  else
    run_wrk "$name" "$url"
  fi
}

ROWS="$WORK/rows"
: >"$ROWS"
HZ="$(getconf CLK_TCK)"
ROTATE="$BENCH_DIR/rotate.lua"

# measure NAME PID URL [wrk args]: BENCH_RUNS runs; row "name rps p50 p99 requests non2xx cpu_us ok_rps collections
# pause_ms" (the last two: the JVM's garbage collections during the run).
measure() {
  local name="$1" pid="$2" url="$3"; shift 3
  local run row before after gc_before gc_after requests non2xx rps cpu_us ok_rps
  for run in $(seq 1 "$RUNS"); do
    before=0; gc_before="0 0"; [ "$pid" != "-" ] && before="$(cpu_ticks "$pid")" && gc_before="$(gc_totals "$pid")"
    row="$(load "$name" "$url" "$@")"
    after=0; gc_after="0 0"; [ "$pid" != "-" ] && after="$(cpu_ticks "$pid")" && gc_after="$(gc_totals "$pid")"
    rps="$(awk '{print $2}' <<<"$row")"; requests="$(awk '{print $5}' <<<"$row")"; non2xx="$(awk '{print $6}' <<<"$row")"
    cpu_us="$(awk -v t=$((after - before)) -v hz="$HZ" -v n="$requests" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}')"
    ok_rps="$(awk -v r="$rps" -v n="$requests" -v bad="$non2xx" 'BEGIN {printf "%.0f", r * (n - bad) / n}')"
    echo "$row $cpu_us $ok_rps $(awk -v b="$gc_before" -v a="$gc_after" 'BEGIN {split(b, x); split(a, y); print y[1] - x[1], y[2] - x[2]}')" >>"$ROWS"
    say "  $name run $run: $(awk '{printf "%s req/s (2xx %s), p50 %s ms, p99 %s ms, non-2xx %s, CPU %s us/req", $2, $8, $3, $4, $6, $7}' <<<"$row $cpu_us $ok_rps")"
  done
}

start_gateway() { # start_gateway NAME (cache on|off)
  local cache="$1"
  (cd "$WORK" && EDGEAUTH_GATEWAY_PORT=$GATEWAY_PORT EDGEAUTH_GATEWAY_MANAGEMENT_PORT=$GATEWAY_MANAGEMENT_PORT \
    EDGEAUTH_AUTH_URL="http://127.0.0.1:$NGINX_PORT" EDGEAUTH_AUTH_INTERNAL_URL="http://127.0.0.1:$NGINX_FEED_PORT" \
    EDGEAUTH_ROUTES_FILE="$WORK/routes.yaml" EDGEAUTH_TOKEN_CACHE_ENABLED="$cache" EDGEAUTH_LOG_FORMAT= \
    exec java $GATEWAY_JAVA_OPTS $PROFILE_OPTS -jar "$GATEWAY_JAR") >"$WORK/gateway-$cache.log" 2>&1 &
  GW_PID=$!
  PIDS+=("$GW_PID")
  wait_http "http://127.0.0.1:$GATEWAY_MANAGEMENT_PORT/actuator/health/readiness"
}

stop_pid() { kill -TERM "$1" 2>/dev/null; wait "$1" 2>/dev/null || true; }

# start_named NAME JAR ROUTES PORT MANAGEMENT_PORT CACHE: a gateway beside others; its pid in NAMED_PID. JAR "edgeauth"
# starts this tree's gateway with exactly the JVM arguments ./edgeauth gives it (./edgeauth java-args gateway);
# any other jar starts with GATEWAY_JAVA_OPTS.
start_named() {
  local args
  if [ "$2" = edgeauth ]; then
    mapfile -t args < <("$ROOT/edgeauth" java-args gateway)
  else
    # shellcheck disable=SC2206 # a list of options
    args=($GATEWAY_JAVA_OPTS -jar "$2")
  fi
  (cd "$WORK" && EDGEAUTH_GATEWAY_PORT=$4 EDGEAUTH_GATEWAY_MANAGEMENT_PORT=$5 \
    EDGEAUTH_AUTH_URL="http://127.0.0.1:$NGINX_PORT" EDGEAUTH_AUTH_INTERNAL_URL="http://127.0.0.1:$NGINX_FEED_PORT" \
    EDGEAUTH_ROUTES_FILE="$3" EDGEAUTH_TOKEN_CACHE_ENABLED="$6" EDGEAUTH_LOG_FORMAT= \
    exec java "${args[@]}") >"$WORK/gateway-$1.log" 2>&1 &
  NAMED_PID=$!
  PIDS+=("$NAMED_PID")
  wait_http "http://127.0.0.1:$5/actuator/health/readiness"
}

ED_TOKENS=("$WORK/tokens-ed25519.txt" Authorization "Bearer ")
RS_TOKENS=("$WORK/tokens-rs256.txt" Authorization "Bearer ")
USERS=("$WORK/users.txt" X-User-Id "")

if [ -n "$BASELINE" ]; then
  ROUNDS="${BENCH_ROUNDS:-5}"
  ED_TOKENS=("$WORK/tokens-ed25519.txt" Authorization "Bearer ")
  for cache in true false; do
    say "this gateway and the gateway of $BASELINE_COMMIT, verified-token cache $cache"
    start_named "new-$cache" edgeauth "$(routes_for "$ROOT")" "$GATEWAY_PORT" "$GATEWAY_MANAGEMENT_PORT" "$cache"
    NEW_PID=$NAMED_PID
    start_named "base-$cache" "$BASELINE_JAR" "$(routes_for "$WORK/baseline")" 28082 28182 "$cache"
    BASE_PID=$NAMED_PID
    for port in "$GATEWAY_PORT" 28082; do
      BENCH_DURATION="$WARMUP" load warmup "http://127.0.0.1:$port/static/api/tasks" "${ED_TOKENS[@]}" >/dev/null
    done
    for round in $(seq 1 "$ROUNDS"); do
      RUNS=1 measure "new-$cache" "$NEW_PID" "http://127.0.0.1:$GATEWAY_PORT/static/api/tasks" "${ED_TOKENS[@]}"
      RUNS=1 measure "base-$cache" "$BASE_PID" "http://127.0.0.1:28082/static/api/tasks" "${ED_TOKENS[@]}"
    done
    stop_pid "$NEW_PID"
    stop_pid "$BASE_PID"
  done
  med() { awk -v n="$1" -v c="$2" '$1 == n {print $c}' "$ROWS" | median; }
  SECTION="$WORK/section.md"
  {
    echo "## gateway: this tree against an earlier commit (before/after)"
    echo
    echo "- Command: \`bench/gateway.sh --baseline $BASELINE\` (baseline $BASELINE_COMMIT, this tree at $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- gateway common token 2>/dev/null || echo ' with uncommitted changes'); wrk -t2 -c${BENCH_CONNECTIONS:-64} -d${BENCH_DURATION:-15s} per load, $ROUNDS rounds alternating the two gateways, medians; both running side by side, each warmed $WARMUP)"
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Machine: $(machine); wrk, nginx and both gateways share the cores"
    echo "- Static backend (nginx, 2 KB JSON), EdDSA tokens from $TOKENS users rotated per request; each gateway's api route as its own default routes file has it"
    echo "- JVM: this gateway with the arguments ./edgeauth gives it (\`$("$ROOT/edgeauth" java-args gateway | grep -v -- '-jar\|\.jar$' | sed "s|$ROOT/||" | tr '\n' ' ' | sed 's/ $//')\`, its jvm.options: \`$(grep -v '^#' "$ROOT/gateway/jvm.options" | tr '\n' ' ' | sed 's/ $//')\`); the baseline with \`$GATEWAY_JAVA_OPTS\`; both \`MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX\`"
    echo
    echo "| verified-token cache | this: 2xx req/s | baseline: 2xx req/s | this: CPU per request | baseline: CPU per request | CPU change | GC in a round: this / baseline |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    for cache in true false; do
      new_cpu="$(med "new-$cache" 7)"; base_cpu="$(med "base-$cache" 7)"
      printf '| %s | %s | %s | %s µs | %s µs | %s | %s, %s ms / %s, %s ms |\n' "$( [ $cache = true ] && echo on || echo off)" \
        "$(med "new-$cache" 8)" "$(med "base-$cache" 8)" "$new_cpu" "$base_cpu" \
        "$(awk -v a="$new_cpu" -v b="$base_cpu" 'BEGIN {printf "%+.1f %%", (a - b) * 100 / b}')" \
        "$(med "new-$cache" 9)" "$(med "new-$cache" 10)" "$(med "base-$cache" 9)" "$(med "base-$cache" 10)"
    done
    echo
    for cache in true false; do
      echo "Each round with the cache $( [ $cache = true ] && echo on || echo off), CPU per request this/baseline: $(awk -v n="new-$cache" -v b="base-$cache" \
        '$1 == n {t[++i] = $7} $1 == b {s[++j] = $7} END {for (k = 1; k <= i; k++) printf "%s%s/%s µs", (k > 1) ? ", " : "", t[k], s[k]}' "$ROWS")."
    done
  } >"$SECTION"
  replace_section gateway-baseline "$SECTION"
  cat "$SECTION"
  exit 0
fi

say "warming up the task-service"
BENCH_DURATION=10s load warmup "http://127.0.0.1:$TASK_PORT/api/tasks" "${USERS[@]}" >/dev/null
say "(a) direct"
measure direct-task - "http://127.0.0.1:$TASK_PORT/api/tasks" "${USERS[@]}"
measure direct-static - "http://127.0.0.1:$NGINX_PORT/static/api/tasks"

declare -A RSS
for cache in true false; do
  say "edgeauth gateway, verified-token cache $cache"
  start_gateway "$cache"
  BENCH_DURATION="$WARMUP" load warmup "http://127.0.0.1:$GATEWAY_PORT/static/api/tasks" "${ED_TOKENS[@]}" >/dev/null
  BENCH_DURATION=10s load warmup "http://127.0.0.1:$GATEWAY_PORT/api/tasks" "${ED_TOKENS[@]}" >/dev/null
  if [ "$PROFILE" = 1 ] && [ "$cache" = "$PROFILE_CACHE" ]; then
    jcmd "$GW_PID" JFR.start name=bench settings=profile filename="$WORK/gateway.jfr" >/dev/null
  fi
  measure "ours-cache-$cache-static" "$GW_PID" "http://127.0.0.1:$GATEWAY_PORT/static/api/tasks" "${ED_TOKENS[@]}"
  if [ "$PROFILE" = 1 ] && [ "$cache" = "$PROFILE_CACHE" ]; then
    jcmd "$GW_PID" JFR.stop name=bench >/dev/null
    cp "$WORK/gateway.jfr" "$BENCH_DIR/profile.jfr"
    jfr print --stack-depth 200 --events jdk.ExecutionSample "$WORK/gateway.jfr" \
      | awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); top[$0]++; n++} END {for (f in top) printf "%6.2f%% %s\n", 100 * top[f] / n, f}' \
      | sort -rn | head -40 >"$BENCH_DIR/profile-top-frames.txt" || true
    jfr print --stack-depth 200 --events jdk.ExecutionSample "$WORK/gateway.jfr" \
      | awk '/stackTrace = \[/ {inside = 1; next} inside && /^[ \t]*\]/ {inside = 0} inside {sub(/^[ \t]+/, ""); sub(/line:.*/, ""); if (!seen[$0]++) incl[$0]++} /^jdk.ExecutionSample/ {n++; delete seen} END {for (f in incl) printf "%6.2f%% %s\n", 100 * incl[f] / n, f}' \
      | sort -rn | head -80 >"$BENCH_DIR/profile-inclusive.txt" || true
    jfr summary "$WORK/gateway.jfr" >"$BENCH_DIR/profile-summary.txt" || true
    say "profile written to bench/gateway/profile-*.txt"
  fi
  measure "ours-cache-$cache-task" "$GW_PID" "http://127.0.0.1:$GATEWAY_PORT/api/tasks" "${ED_TOKENS[@]}"
  if [ "$cache" = true ]; then
    measure "ours-noauth-static" "$GW_PID" "http://127.0.0.1:$GATEWAY_PORT/open/api/tasks"
  fi
  RSS[$cache]="$(rss_mb "$GW_PID")"
  stop_pid "$GW_PID"
done

say "stock Spring Cloud Gateway + resource server"
(cd "$WORK" && STOCK_PORT=$STOCK_PORT STOCK_TASK_URL="http://127.0.0.1:$TASK_PORT" \
  STOCK_STATIC_URL="http://127.0.0.1:$NGINX_PORT" STOCK_JWKS_URI="http://127.0.0.1:$NGINX_PORT/rsa/jwks.json" \
  exec java $GATEWAY_JAVA_OPTS -jar "$STOCK_JAR") >"$WORK/stock.log" 2>&1 &
STOCK_PID=$!
PIDS+=("$STOCK_PID")
for _ in $(seq 1 120); do
  code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$STOCK_PORT/static/api/tasks" || true)"
  [ "$code" = 401 ] && break
  sleep 1
done
BENCH_DURATION="$WARMUP" load warmup "http://127.0.0.1:$STOCK_PORT/static/api/tasks" "${RS_TOKENS[@]}" >/dev/null
BENCH_DURATION=10s load warmup "http://127.0.0.1:$STOCK_PORT/api/tasks" "${RS_TOKENS[@]}" >/dev/null
measure stock-static "$STOCK_PID" "http://127.0.0.1:$STOCK_PORT/static/api/tasks" "${RS_TOKENS[@]}"
measure stock-task "$STOCK_PID" "http://127.0.0.1:$STOCK_PORT/api/tasks" "${RS_TOKENS[@]}"
RSS[stock]="$(rss_mb "$STOCK_PID")"
stop_pid "$STOCK_PID"

med() { awk -v n="$1" -v c="$2" '$1 == n {print $c}' "$ROWS" | median; }
row() { # row LABEL NAME REFERENCE_NAME RSS
  local ok ref share
  ok="$(med "$2" 8)"; ref="$(med "$3" 8)"
  share="$(awk -v a="$ok" -v b="$ref" 'BEGIN {printf "%.2f", a / b}')"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$ok" "$share" "$(med "$2" 3)" "$(med "$2" 4)" \
    "$(med "$2" 6)" "$( [ "$(med "$2" 7)" = 0 ] && echo '—' || echo "$(med "$2" 7) µs")" "${4:-—}"
}
ratio() { awk -v a="$(med "$1" 8)" -v b="$(med "$2" 8)" 'BEGIN {printf "%.2f", a / b}'; }

SECTION="$WORK/section.md"
{
  echo "## gateway: edgeauth vs stock Spring Cloud Gateway + resource server"
  echo
  echo "- Command: \`bench/gateway.sh\` (wrk -t2 -c${BENCH_CONNECTIONS:-64} -d${BENCH_DURATION:-15s}, median of $RUNS runs after a $WARMUP + 10 s warm-up of each gateway; $TOKENS distinct users, one token each, rotated per request)"
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $(machine); wrk, nginx, the task-service and the gateway share the cores"
  echo "- Gateway JVM flags (both gateways): \`$GATEWAY_JAVA_OPTS\`, environment \`MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX\`"
  echo "- Tokens: edgeauth EdDSA (Ed25519, typ at+jwt) verified by the gateway; stock RS256 (typ JWT) from a bench RSA key, as its decoder has no EdDSA; each gateway fetches its JWKS from nginx"
  echo "- Limits raised for the run (per-user policy 1,000,000/s; the limiter still runs); req/s counts 2xx answers only; CPU per request = gateway process CPU time ÷ requests; RSS after its runs"
  echo
  echo "### In front of the task-service (GET /api/tasks, PostgreSQL)"
  echo
  echo "| load | 2xx req/s | share of (a) | p50 ms | p99 ms | non-2xx | gateway CPU per request | gateway RSS MB |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  row "(a) direct, X-User-Id rotating" direct-task direct-task
  echo "| (b) edgeauth, route without auth | n/a | | | | | | |"
  row "(c) edgeauth, JWTs, verified-token cache on" ours-cache-true-task direct-task "${RSS[true]}"
  row "(c) edgeauth, JWTs, cache off" ours-cache-false-task direct-task "${RSS[false]}"
  row "(d) stock gateway + resource server, RS256" stock-task direct-task "${RSS[stock]}"
  echo
  echo "(b) cannot be measured against the task-service: a route without auth forwards no identity (contract), and the task-service answers 401 without \`X-User-Id\`; it is measured against the static backend below."
  echo
  echo "### In front of a static backend (nginx, 1 worker, fixed 2 KB JSON)"
  echo
  echo "| load | 2xx req/s | share of direct | p50 ms | p99 ms | non-2xx | gateway CPU per request | gateway RSS MB |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  row "nginx direct" direct-static direct-static
  row "(b) edgeauth, route without auth" ours-noauth-static direct-static "${RSS[true]}"
  row "(c) edgeauth, JWTs, verified-token cache on" ours-cache-true-static direct-static "${RSS[true]}"
  row "(c) edgeauth, JWTs, cache off" ours-cache-false-static direct-static "${RSS[false]}"
  row "(d) stock gateway + resource server, RS256" stock-static direct-static "${RSS[stock]}"
  echo
  echo "Ratios: task backend (c, cache on) ÷ (a) = $(ratio ours-cache-true-task direct-task) (target ≥ 0.5); static backend edgeauth (cache on) ÷ stock = $(ratio ours-cache-true-static stock-static), cache off ÷ stock = $(ratio ours-cache-false-static stock-static) (target ≥ 2, stretch 3; CPU target ≤ ~105 µs, stretch 70 µs; RSS ≤ 300 MB)."
} >"$SECTION"
if [ "$PROFILE" = 1 ]; then
  say "profile run: figures not written to RESULTS.md"
else
  replace_section gateway "$SECTION"
fi
cat "$SECTION"

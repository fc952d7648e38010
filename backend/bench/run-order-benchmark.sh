#!/usr/bin/env bash
# Order-placement benchmark: starts the backend on the embedded PostgreSQL with a fresh temporary data directory,
# waits until it is healthy, measures what bare PostgreSQL does with the order's bare SQL on the same database just
# before (pgbench, when installed: the yardstick DESIGN.md's targets are stated against, since this machine's speed
# varies), runs app.ledgerline.bench.OrderPlacementBenchmark against the backend, prints the backend's resident memory
# after the load, then stops the backend and removes the data directory.
#
# Usage (from anywhere):   backend/bench/run-order-benchmark.sh [-Dbench.seconds=20 -Dbench.clients=32 ...]
# Arguments are passed to the benchmark JVM; see OrderPlacementBenchmark.Config for every -Dbench.* property.
# Environment: BENCH_PORT (default 8080), BENCH_REBUILD=1 to rebuild the backend jar, BACKEND_JAVA_OPTS,
# BENCH_JAVA_OPTS (load generator JVM, default -Xmx512m), BENCH_BARE_SECONDS (15 per bare run; 0 skips them).
set -euo pipefail

PORT="${BENCH_PORT:-8080}"
WORK_PREFIX=ledgerline-bench
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$REPO/backend/bench/bare-order.sh"
ADMIN_TOKEN=bench-admin
BOT_TOKEN=bench-bot

start_backend LEDGERLINE_ADMIN_TOKEN="$ADMIN_TOKEN" LEDGERLINE_BOT_TOKEN="$BOT_TOKEN" LEDGERLINE_PAYMENT_HOLD=720h
echo

# The yardstick: the bare SQL of one order through pgbench, 16 clients, against the backend's own PostgreSQL (idle
# backend), over 1,000 products and on one product.
BARE=()
BARE_SECONDS="${BENCH_BARE_SECONDS:-15}"
if [[ "$BARE_SECONDS" -gt 0 ]] && bare_order_tools; then
  export PGHOST=localhost PGPORT="$(sed -n 4p "$WORK/pg/postmaster.pid")" PGUSER=postgres PGDATABASE=postgres
  bare_order_create
  read -r BARE_MANY BARE_MANY_LATENCY <<<"$(bare_order_run "$(bare_order_script plain)" 16 "$BARE_SECONDS")"
  read -r BARE_HOT BARE_HOT_LATENCY <<<"$(bare_order_run "$(bare_order_script hot)" 16 "$BARE_SECONDS")"
  bare_order_drop
  echo "Bare PostgreSQL, the order's bare SQL (pgbench, 16 clients, $BARE_SECONDS s each, durable commits):" \
       "$BARE_MANY orders/s over 1,000 products (latency $BARE_MANY_LATENCY ms), $BARE_HOT/s on one product ($BARE_HOT_LATENCY ms)"
  BARE=(-Dbench.bareManyPerSecond="$BARE_MANY" -Dbench.bareHotPerSecond="$BARE_HOT")
elif [[ "$BARE_SECONDS" -gt 0 ]]; then
  echo "(pgbench not found: no bare PostgreSQL yardstick; the summary uses DESIGN.md's figures)"
fi
echo

set +e
"$JAVA" --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:--Xmx512m} -cp "$CLASSPATH_BENCH" \
  -Dbench.url="http://localhost:$PORT/graphql" \
  -Dbench.adminToken="$ADMIN_TOKEN" -Dbench.botToken="$BOT_TOKEN" \
  -Dbench.backendPid="$BACKEND_PID" -Dbench.postgresPid="${POSTMASTER_PID:-0}" "${BARE[@]}" \
  "$@" app.ledgerline.bench.OrderPlacementBenchmark
BENCH_STATUS=$?
set -e

echo
if [[ -r "/proc/$BACKEND_PID/status" ]]; then
  echo "Backend resident memory after the load: $(awk '/^VmRSS:/ {printf "%d MB", $2/1024}' "/proc/$BACKEND_PID/status")" \
       "(peak $(awk '/^VmHWM:/ {printf "%d MB", $2/1024}' "/proc/$BACKEND_PID/status"); target < 512 MB)"
fi
# Errors the backend logged under load (for example connection-pool timeouts), most frequent first.
ERRORS=$(grep -cE '^[0-9T:.-]+Z +ERROR ' "$WORK/backend.log" || true)
WARNS=$(grep -cE '^[0-9T:.-]+Z +WARN ' "$WORK/backend.log" || true)
echo "Backend log: $ERRORS ERROR and $WARNS WARN lines (BENCH_KEEP_LOG=<file> keeps it)"
if [[ "$ERRORS" -gt 0 ]]; then
  grep -A1 -E '^[0-9T:.-]+Z +ERROR ' "$WORK/backend.log" | grep -vE '^(--|\s+at |\s*$)' \
    | sed -E 's/^[0-9T:.-]+Z +ERROR [0-9]+ --- \[[^]]*\] \[[^]]*\] //; s/[0-9a-f]{8}-[0-9]+/<id>/g' \
    | cut -c1-220 | sort | uniq -c | sort -rn | head -n 6
fi
exit $BENCH_STATUS

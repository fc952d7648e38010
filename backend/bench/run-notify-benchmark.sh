#!/usr/bin/env bash
# What a NOTIFY in the order's transaction costs PostgreSQL itself (why the placement announces after its commit; see
# docs/architecture.md "Alerts and live events"). pgbench runs the bare writes of one order (bare-order.sh) with 16
# clients: plain, with a NOTIFY inside the transaction (what the insert triggers do), and with the NOTIFY in its own
# transaction right after the commit (what Announcer does, here one per order, without its batching). Prints orders/s
# and latency.
#
# Needs pgbench and psql (see bare-order.sh) and a PostgreSQL to run against, named by the usual libpq variables,
# e.g. the backend's embedded one (its port is in the backend log):
#   PGHOST=localhost PGPORT=<port> PGUSER=postgres PGDATABASE=postgres backend/bench/run-notify-benchmark.sh
# Uses (and drops again) the schema bare_order. BENCH_SECONDS (default 15) per run, BENCH_CLIENTS (16).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bare-order.sh"
bare_order_tools || { echo "pgbench and psql are needed (set PGBENCH and PSQL)" >&2; exit 1; }
SECONDS_PER_RUN="${BENCH_SECONDS:-15}"
CLIENTS="${BENCH_CLIENTS:-16}"

bare_order_create
trap bare_order_drop EXIT
echo "Bare order writes, $CLIENTS clients, $SECONDS_PER_RUN s per run, durable commits as the server is configured (fsync=$("$PSQL" -Atc 'show fsync'), synchronous_commit=$("$PSQL" -Atc 'show synchronous_commit'))"
for round in 1 2; do
  for variant in plain notify-in-transaction notify-after-commit; do
    read -r tps latency <<<"$(bare_order_run "$(bare_order_script "$variant")" "$CLIENTS" "$SECONDS_PER_RUN")"
    printf 'round %d  %-24s %6s orders/s  latency average %s ms\n' "$round" "$variant" "$tps" "$latency"
  done
done

#!/usr/bin/env bash
# What a NOTIFY in the order's transaction costs PostgreSQL itself (why the placement announces after its commit; see
# docs/architecture.md "Alerts and live events"). pgbench runs the bare writes of one order with 16 clients: plain,
# with a NOTIFY inside the transaction (what the insert triggers do), and with the NOTIFY in its own transaction right
# after the commit (what Announcer does, here one per order, without its batching). Prints orders/s and latency.
#
# Needs pgbench (Debian: postgresql-15 or newer puts it in /usr/lib/postgresql/<version>/bin) and a PostgreSQL to run
# against, named by the usual libpq variables, e.g. the backend's embedded one (its port is in the backend log):
#   PGHOST=localhost PGPORT=<port> PGUSER=postgres PGDATABASE=postgres backend/bench/run-notify-benchmark.sh
# Uses (and drops again) the schema notify_bench. BENCH_SECONDS (default 15) per run, BENCH_CLIENTS (16).
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/notify"
PGBENCH="${PGBENCH:-$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -n 1)}"
PSQL="${PSQL:-$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -n 1)}"
[[ -x "$PGBENCH" && -x "$PSQL" ]] || { echo "pgbench and psql are needed (set PGBENCH and PSQL)" >&2; exit 1; }
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
SECONDS_PER_RUN="${BENCH_SECONDS:-15}"
CLIENTS="${BENCH_CLIENTS:-16}"

# The two variants are the plain order with one line added before or after its COMMIT.
SCRIPTS=$(mktemp -d)
cp "$DIR/plain.sql" "$SCRIPTS/plain.sql"
sed 's/^COMMIT;/SELECT pg_notify('"'"'notify_bench'"'"', :id::text);\nCOMMIT;/' "$DIR/plain.sql" > "$SCRIPTS/notify-in-transaction.sql"
sed 's/^COMMIT;/COMMIT;\nSELECT pg_notify('"'"'notify_bench'"'"', :id::text);/' "$DIR/plain.sql" > "$SCRIPTS/notify-after-commit.sql"

"$PSQL" -q -v ON_ERROR_STOP=1 -f "$DIR/schema.sql"
trap '"$PSQL" -q -c "drop schema if exists notify_bench cascade"; rm -rf "$SCRIPTS"' EXIT
echo "Bare order writes, $CLIENTS clients, $SECONDS_PER_RUN s per run, durable commits as the server is configured (fsync=$("$PSQL" -Atc 'show fsync'), synchronous_commit=$("$PSQL" -Atc 'show synchronous_commit'))"
for round in 1 2; do
  for variant in plain notify-in-transaction notify-after-commit; do
    result=$("$PGBENCH" -n -c "$CLIENTS" -j 2 -T "$SECONDS_PER_RUN" -f "$SCRIPTS/$variant.sql" 2>/dev/null)
    tps=$(awk '/^tps/ {printf "%.0f", $3}' <<<"$result")
    latency=$(awk '/^latency average/ {print $4}' <<<"$result")
    printf 'round %d  %-24s %6s orders/s  latency average %s ms\n' "$round" "$variant" "$tps" "$latency"
  done
done

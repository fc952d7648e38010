# Shared by the benchmark scripts (sourced, not run): the bare SQL of one order (DESIGN.md "Speed and scale
# targets": reserve stock, insert order, line, movement, history, outgoing event; durable commits) driven by pgbench,
# the yardstick the placement targets are stated against. The PostgreSQL is named by the usual libpq variables
# (PGHOST, PGPORT, PGUSER, PGDATABASE). Everything lives in the schema bare_order, dropped again by bare_order_drop.
#
# bare_order_tools            -> 0 when pgbench and psql were found (PGBENCH, PSQL; Debian: package postgresql-15 or
#                                newer puts them in /usr/lib/postgresql/<version>/bin)
# bare_order_create           creates the schema: 1,000 products with stock, empty order tables
# bare_order_script NAME      writes a pgbench script and prints its path: plain (a random one of the 1,000
#                             products), hot (every order for product 1), notify-in-transaction, notify-after-commit
# bare_order_run FILE CLIENTS SECONDS -> prints "<orders/s> <average latency ms>"
# bare_order_drop             drops the schema and the scripts

BARE_ORDER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/bare-order"
BARE_ORDER_SCRIPTS=""

bare_order_tools() {
  PGBENCH="${PGBENCH:-$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -n 1)}"
  PSQL="${PSQL:-$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -n 1)}"
  [[ -x "$PGBENCH" && -x "$PSQL" ]]
}

bare_order_create() {
  PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" "$PSQL" -q -v ON_ERROR_STOP=1 -f "$BARE_ORDER_DIR/schema.sql"
  BARE_ORDER_SCRIPTS="$(mktemp -d)"
}

# The variants are the plain order with its product fixed, or with one line added before or after its COMMIT.
bare_order_script() {
  local file="$BARE_ORDER_SCRIPTS/$1.sql"
  case "$1" in
    plain) cp "$BARE_ORDER_DIR/order.sql" "$file" ;;
    hot) sed 's/^\\set pid random(1, 1000)$/\\set pid 1/' "$BARE_ORDER_DIR/order.sql" > "$file" ;;
    notify-in-transaction)
      sed 's/^COMMIT;/SELECT pg_notify('"'"'bare_order'"'"', :id::text);\nCOMMIT;/' "$BARE_ORDER_DIR/order.sql" > "$file" ;;
    notify-after-commit)
      sed 's/^COMMIT;/COMMIT;\nSELECT pg_notify('"'"'bare_order'"'"', :id::text);/' "$BARE_ORDER_DIR/order.sql" > "$file" ;;
    *) echo "unknown bare order script $1" >&2; return 1 ;;
  esac
  echo "$file"
}

bare_order_run() {
  local result
  result=$("$PGBENCH" -n -c "$2" -j 2 -T "$3" -f "$1" 2>/dev/null)
  echo "$(awk '/^tps/ {printf "%.0f", $3}' <<<"$result") $(awk '/^latency average/ {print $4}' <<<"$result")"
}

bare_order_drop() {
  [[ -n "$PSQL" ]] && PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" "$PSQL" -q -c "drop schema if exists bare_order cascade"
  [[ -n "$BARE_ORDER_SCRIPTS" ]] && rm -rf "$BARE_ORDER_SCRIPTS"
  BARE_ORDER_SCRIPTS=""
}

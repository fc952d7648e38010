#!/usr/bin/env bash
# Interaction benchmark: starts the backend on the embedded PostgreSQL with a fresh temporary data directory (through
# backend/bench/common.sh), then runs app.ledgerline.bot.bench.InteractionBenchmark (bot test sources), which starts
# the fake Discord of the bot's tests in its own JVM, starts the real bot from its boot jar in a third JVM pointed at
# both, drives simulated customers through the fake gateway and prints acknowledgement and answer latencies,
# throughput, errors and the bot's resident memory. Everything is stopped and removed at the end.
#
# Usage (from anywhere):   bot/bench/run-interaction-benchmark.sh [-Dbench.users=50 -Dbench.interactions=20 ...]
# Arguments are passed to the benchmark JVM:
#   -Dbench.users=50          simulated customers at once (closed loop; also the open loop's distinct users)
#   -Dbench.interactions=20   interactions per customer in the closed loop (each waits for the previous answer)
#   -Dbench.warmup=10         interactions per customer in the unreported warm-up
#   -Dbench.rate=50           open loop: interactions sent per second, answered or not (0 skips the open loop)
#   -Dbench.seconds=20        open loop: how long
#   -Dbench.products=30       products in the shop (30 make two shop pages)
#   -Dbench.thinkMs=0         closed loop: pause between a customer's answer and their next interaction
#   -Dbench.validate=false    true checks every request against Discord's OpenAPI spec as the tests do (slow)
#   -Dbench.heartbeatMs=5000  gateway heartbeat interval the fake asks for (its tests use 1000)
#   -Dbench.botJar=<jar>      another bot jar to measure (default bot/target's, rebuilt when a bot source is newer)
#   -Dbench.botMallocArenaMax=2  MALLOC_ARENA_MAX of the bot's process (as in its container)
# Environment: BENCH_PORT (backend, default 8080), BOT_JAVA_OPTS (the bot's JVM, default the container's heap cap),
# BACKEND_JAVA_OPTS, BENCH_JAVA_OPTS (load generator, default -Xmx1g), BENCH_REBUILD=1 rebuilds the backend jar,
# BENCH_KEEP_LOG / BOT_KEEP_LOG=<file> keep the backend's / the bot's log.
set -euo pipefail

PORT="${BENCH_PORT:-8080}"
WORK_PREFIX=ledgerline-bot-bench
BENCH_MODULE=bot
source "$(dirname "${BASH_SOURCE[0]}")/../../backend/bench/common.sh"
ADMIN_TOKEN=bench-admin
BOT_TOKEN=bench-bot
BOT_JAR="$REPO/bot/target/ledgerline-bot-0.1.0-SNAPSHOT.jar"
# The same JVM options as the bot's container (bot/Dockerfile, docker-compose.yml); MALLOC_ARENA_MAX=2 as there too
# (-Dbench.botMallocArenaMax=... changes it).
BOT_JAVA_OPTS="${BOT_JAVA_OPTS:--Xmx64m -XX:MaxMetaspaceSize=128m -XX:+UseSerialGC -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError}"

# The bot's boot jar, rebuilt whenever a bot source or resource is newer than it.
if [[ ! -f "$BOT_JAR" || -n "$(find "$REPO/bot/src/main" "$REPO/bot/pom.xml" -newer "$BOT_JAR" -print -quit)" ]]; then
  echo "Building the bot jar..."
  ./mvnw -q -B -pl bot -am -DskipTests package
fi

start_backend LEDGERLINE_ADMIN_TOKEN="$ADMIN_TOKEN" LEDGERLINE_BOT_TOKEN="$BOT_TOKEN" LEDGERLINE_PAYMENT_HOLD=720h
echo

set +e
"$JAVA" --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:--Xmx1g} -cp "$CLASSPATH_BENCH" \
  -Dbench.url="http://localhost:$PORT/graphql" \
  -Dbench.adminToken="$ADMIN_TOKEN" -Dbench.botToken="$BOT_TOKEN" \
  -Dbench.java="$JAVA" -Dbench.botJar="$BOT_JAR" -Dbench.botJavaOpts="$BOT_JAVA_OPTS" \
  -Dbench.botLog="$WORK/bot.log" \
  -Dbench.backendPid="$BACKEND_PID" -Dbench.postgresPid="${POSTMASTER_PID:-0}" \
  "$@" app.ledgerline.bot.bench.InteractionBenchmark
BENCH_STATUS=$?
set -e

echo
echo "Backend resident memory: $(awk '/^VmRSS:/ {printf "%d MB", $2/1024}' "/proc/$BACKEND_PID/status" 2>/dev/null || echo unknown)"
# What the bot and the backend logged as WARN or ERROR under load, most frequent first.
for log in "$WORK/bot.log" "$WORK/backend.log"; do
  [[ -f "$log" ]] || continue
  COUNT=$(grep -cE '^[0-9T:.+-]+Z? *(WARN|ERROR) ' "$log" || true)
  echo "$(basename "$log" .log) log: $COUNT WARN/ERROR lines"
  if [[ "$COUNT" -gt 0 ]]; then
    grep -E '^[0-9T:.+-]+Z? *(WARN|ERROR) ' "$log" \
      | sed -E 's/^[0-9T:.+-]+Z? *//; s/ [0-9]+ --- \[[^]]*\] \[[^]]*\] / /; s/[0-9]{15,20}/<id>/g; s/tok<id>/<token>/g' \
      | cut -c1-200 | sort | uniq -c | sort -rn | head -n 6
  fi
done
if [[ -n "${BOT_KEEP_LOG:-}" && -f "$WORK/bot.log" ]]; then
  cp "$WORK/bot.log" "$BOT_KEEP_LOG" && echo "Bot log kept in $BOT_KEEP_LOG"
fi
exit $BENCH_STATUS

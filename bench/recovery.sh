#!/usr/bin/env bash
# HTTP emits a second with connection state recovery off and on, the cluster on (issue 23 item 3, issue 30 item 2).
#   bench/recovery.sh
# Herald on WildFly 39 (a private copy of standalone/, port offset $OFFSET), one node on the local Redis
# ($REDIS) under a cluster key of this run's own (deleted at the end), wrk sending doit GET /emit on
# $CONNS connections: $WARM s of warm-up, then $SECS s measured, first with herald.recovery=false, then true.
# Prints emits/s, the server's CPU-seconds per 100k emits, and the on/off ratio (target >= 0.8). Bounded in time;
# every process it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd .. && pwd)
WILDFLY=${WILDFLY:-$ROOT/target/wildfly-39.0.1.Final}
OFFSET=${OFFSET:-14000}
PORT=$((8080 + OFFSET))
REDIS=${REDIS:-redis://127.0.0.1:6379}
CONNS=${CONNS:-64}
WARM=${WARM:-10}
SECS=${SECS:-20}
KEY="herald-bench-recovery-$$"
mkdir -p results

WF_PID= ; WF_BASE=
cleanup() {
  if [ -n "$WF_PID" ] && kill -0 "$WF_PID" 2>/dev/null; then
    kill "$WF_PID"
    for _ in $(seq 1 30); do kill -0 "$WF_PID" 2>/dev/null || break; sleep 1; done
    kill -0 "$WF_PID" 2>/dev/null && kill -9 "$WF_PID"
  fi
  [ -n "${WF_SH_PID:-}" ] && { wait "$WF_SH_PID" 2>/dev/null || true; }
  [ -n "$WF_BASE" ] && rm -rf "$WF_BASE"
  WF_PID= ; WF_BASE= ; WF_SH_PID=
}
finish() {
  cleanup
  redis-cli -u "$REDIS" --scan --pattern "$KEY*" 2>/dev/null | while read -r k; do redis-cli -u "$REDIS" DEL "$k" >/dev/null; done
}
trap finish EXIT INT TERM

command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
[ -f "$ROOT/target/herald.war" ] || (cd "$ROOT" && mvn -q -B package -DskipTests)
[ -d "$WILDFLY" ] || (cd "$ROOT" && mvn -q -B package -Prun -DskipTests)

# cpu_seconds PID: user + system CPU of a process so far
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"; }

run() {
  local recovery=$1 log="results/recovery-wildfly-$1.log"
  WF_BASE=$(mktemp -d /tmp/herald-bench-recovery.XXXXXX)
  cp -r "$WILDFLY/standalone/." "$WF_BASE/"
  rm -rf "$WF_BASE/deployments/"* "$WF_BASE/data" "$WF_BASE/tmp" "$WF_BASE/log"
  cp "$ROOT/target/herald.war" "$WF_BASE/deployments/"
  JBOSS_JAVA_SIZING="-Xms1g -Xmx1g" LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$WF_BASE/wildfly.pid" \
    "$WILDFLY/bin/standalone.sh" -Djboss.server.base.dir="$WF_BASE" -Djboss.socket.binding.port-offset="$OFFSET" \
    -Djboss.bind.address=127.0.0.1 -Djboss.bind.address.management=127.0.0.1 \
    -Dherald.unsignedEmit=true -Dherald.cluster.redis="$REDIS" -Dherald.cluster.key="$KEY" -Dherald.recovery="$recovery" \
    > "$log" 2>&1 &
  WF_SH_PID=$!
  for _ in $(seq 1 120); do
    [ -f "$WF_BASE/deployments/herald.war.deployed" ] && break
    [ -f "$WF_BASE/deployments/herald.war.failed" ] && { echo "deploy failed, see $log"; exit 1; }
    sleep 1
  done
  WF_PID=$(cat "$WF_BASE/wildfly.pid")
  [ "$(curl -s "http://127.0.0.1:$PORT/emit?id=nobody&message=ping")" = OK ] || { echo "/emit is not answering OK, see $log"; exit 1; }
  local url="http://127.0.0.1:$PORT/emit?id=bench&message=hello"
  wrk -t2 -c"$CONNS" -d"${WARM}s" "$url" >/dev/null
  local before after out
  before=$(cpu_seconds "$WF_PID")
  out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" "$url")
  after=$(cpu_seconds "$WF_PID")
  local rate errors
  rate=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
  errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ { print }')
  local cpu100k
  cpu100k=$(awk -v c="$(echo "$after - $before" | bc)" -v r="$rate" -v s="$SECS" 'BEGIN { printf "%.2f", c / (r * s) * 100000 }')
  local stream
  stream=$(redis-cli -u "$REDIS" XLEN "$KEY-recovery#/#" 2>/dev/null || echo "?")
  echo "recovery=$recovery emits/s=$rate cpu-s-per-100k=$cpu100k stream-entries=$stream ${errors:+errors: $errors}"
  echo "$recovery $rate $cpu100k" >> "results/recovery-$$.txt"
  cleanup
}

echo "== $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; $CONNS connections, ${SECS}s after ${WARM}s warm-up"
run false
run true
awk 'NR == 1 { off = $2 } NR == 2 { on = $2 } END { printf "on/off = %.2f (target >= 0.8)\n", on / off }' "results/recovery-$$.txt"
rm -f "results/recovery-$$.txt"

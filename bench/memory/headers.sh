#!/usr/bin/env bash
# Issue 30 item 3: N WebSocket connections that each send only a 14-byte frame header announcing 1,000,000 bytes,
# against Herald on WildFly 39 with a 512 MB heap (as mvn -Prun). Prints the heap used after a full GC before and
# with them, and whether /emit still answers. Bounded in time; stops everything it started.
#   bench/memory/headers.sh            (N=1000, OFFSET=14100)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
WILDFLY=${WILDFLY:-$ROOT/target/wildfly-39.0.1.Final}
OFFSET=${OFFSET:-14100}
PORT=$((8080 + OFFSET))
N=${N:-1000}
WF_BASE=$(mktemp -d /tmp/herald-bench-headers.XXXXXX)
WF_PID= ; CLIENT_PID=
finish() {
  [ -n "$CLIENT_PID" ] && kill "$CLIENT_PID" 2>/dev/null || true
  if [ -n "$WF_PID" ] && kill -0 "$WF_PID" 2>/dev/null; then
    kill "$WF_PID"; for _ in $(seq 1 30); do kill -0 "$WF_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$WF_PID" 2>/dev/null || true
  fi
  rm -rf "$WF_BASE"
}
trap finish EXIT INT TERM
ulimit -n 65536 2>/dev/null || true
[ -f "$ROOT/target/herald.war" ] || (cd "$ROOT" && mvn -q -B package -DskipTests)
[ -d "$WILDFLY" ] || (cd "$ROOT" && mvn -q -B package -Prun -DskipTests)
cp -r "$WILDFLY/standalone/." "$WF_BASE/"
rm -rf "$WF_BASE/deployments/"* "$WF_BASE/data" "$WF_BASE/tmp" "$WF_BASE/log"
cp "$ROOT/target/herald.war" "$WF_BASE/deployments/"
mkdir -p ../results
JBOSS_JAVA_SIZING="-Xms64m -Xmx512m" LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$WF_BASE/wildfly.pid" \
  timeout 600 "$WILDFLY/bin/standalone.sh" -Djboss.server.base.dir="$WF_BASE" -Djboss.socket.binding.port-offset="$OFFSET" \
  -Djboss.bind.address=127.0.0.1 -Djboss.bind.address.management=127.0.0.1 -Dherald.unsignedEmit=true \
  > ../results/headers-wildfly.log 2>&1 &
for _ in $(seq 1 120); do [ -f "$WF_BASE/deployments/herald.war.deployed" ] && break; sleep 1; done
WF_PID=$(cat "$WF_BASE/wildfly.pid")
heap() { jcmd "$WF_PID" GC.run >/dev/null; sleep 1; jcmd "$WF_PID" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { print $(i + 1); exit } }'; }
before=$(heap)
coproc CLIENT { exec node headers.js "$PORT" "$N"; }
CLIENT_PID=$CLIENT_PID
held=
while read -r -t 120 line <&"${CLIENT[0]}"; do case $line in HELD*) held=${line#HELD }; break ;; ERROR*) echo "$line" ;; esac; done
sleep 2
with=$(heap)
answer=$(curl -s -m 5 "http://127.0.0.1:$PORT/emit?id=nobody&message=still" || echo "no answer")
ooms=$(grep -c OutOfMemoryError ../results/headers-wildfly.log || true)
echo "== $(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2 }'), $(nproc) cores; WildFly 39, -Xmx512m"
echo "connections holding a 1,000,000-byte header: ${held:-0} of $N"
echo "heap used after full GC: before ${before}, with them ${with}"
echo "/emit answers: $answer; OutOfMemoryErrors in the log: $ooms"

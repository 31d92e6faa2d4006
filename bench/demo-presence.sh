#!/usr/bin/env bash
# The demo's presence traffic (herald.demo=true) when N sockets connect at once: frames and bytes the clients got.
# Usage: bench/demo-presence.sh [N, default 200]. In-JVM (embedded Undertow, a free port); about N/100 + 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
timeout 600 mvn -B -ntp -q test -Dtest=DemoPresenceMeasure -Dherald.demo.clients="${1:-200}" 2>&1 | grep DEMO-PRESENCE

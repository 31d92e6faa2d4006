#!/bin/sh
# Nanoseconds per request that TrustedProxies.resolve adds (see ResolveBench.java). Needs `mvn compile` first.
# Bounded: 3 rounds of 4 cases of 2,000,000 calls, a few seconds; starts nothing in the background.
set -e
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
javac -d "$out" -cp target/classes bench/proxy/ResolveBench.java
java -cp "$out:target/classes" ResolveBench
rm -rf "$out"
grep -m1 "model name" /proc/cpuinfo

#!/bin/sh
# Runs every benchmark once, one after the other, from the repository root, and keeps the output in
# bench/target/results.txt. Build first: ./mvnw -q -DskipTests package
# JAVA (default: the java on PATH) must be 21 or newer.
# PutBench measures H2, then a PostgreSQL it starts itself (its log: bench-postgres.log).
# AgentScaleBench starts cli/target/fluxrp agent (JVM options from BENCH_AGENT_OPTS).
set -eu
cd "$(dirname "$0")/.."
JAVA="${JAVA:-java}"
JAR=bench/target/fluxrp-bench.jar
{
  echo "load average before: $(cat /proc/loadavg)"
  echo "nproc: $(nproc); $("$JAVA" -version 2>&1 | head -n 1)"
  for bench in GetBench PutBench ListBench StartupBench AgentPropagationBench AgentScaleBench; do
    "$JAVA" -cp "$JAR" "io.fluxrp.bench.$bench"
  done
  echo "load average after: $(cat /proc/loadavg)"
} 2>&1 | tee bench/target/results.txt

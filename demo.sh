#!/usr/bin/env bash
# Builds Pacer, runs the JDBC demo under the agent with config-examples/quickstart.yaml (an in-process setup that
# writes files to pacer-out/ and registers MBeans), then prints the summary that a user reads.
# Usage: ./demo.sh [SECONDS]   (15 by default)
set -euo pipefail
cd "$(dirname "$0")"

seconds="${1:-15}"
mvn -B -q -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/runtime.classpath -Dmdep.includeScope=runtime

rm -rf pacer-out
java -javaagent:agent/target/pacer-agent.jar=config=config-examples/quickstart.yaml \
  -cp "config-examples/target/classes:$(cat config-examples/target/runtime.classpath)" \
  dev.pacer.examples.JdbcDemo "$seconds"

echo
echo "Summary of the run (java -jar agent/target/pacer-agent.jar summary pacer-out):"
java -jar agent/target/pacer-agent.jar summary pacer-out
echo
echo "Last interval, as written to pacer-out/summary.jsonl:"
tail -n 1 pacer-out/summary.jsonl

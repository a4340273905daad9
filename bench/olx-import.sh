#!/usr/bin/env bash
# Measures the OLX import alone (no collection, no storage) on every shared export, in one run:
# median import time of ROUNDS imports after 3 warm-up imports, then the peak heap of importing
# the demo course once in a fresh JVM (OlxImportBenchmark in adapters-olx's test sources).
# Usage: bench/olx-import.sh [OLX_FOLDER] [ROUNDS]   (default: ../shared/data/olx, 15)
# Results go to standard output as Markdown tables; paste them into docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
folder="${1:-../shared/data/olx}"
rounds="${2:-15}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mvn -q -B -ntp -pl adapters-olx -am -DskipTests test-compile >&2
mvn -q -B -ntp -pl adapters-olx dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >&2
cp="adapters-olx/target/test-classes:adapters-olx/target/classes:ports/target/classes:$(cat "$work/cp.txt")"
main=io.strata.adapters.olx.OlxImportBenchmark

echo "Import times (java $(java -version 2>&1 | head -1 | cut -d'"' -f2), -Xmx1g):"
echo
java -Xmx1g -cp "$cp" "$main" times "$folder" "$rounds" 2>/dev/null
echo
echo "Peak heap of one import in a fresh JVM (-Xmx1g):"
echo
echo "| export | blocks | peak heap above start (MiB, upper bound) | kept after import (MiB) |"
echo "|---|---:|---:|---:|"
java -Xmx1g -cp "$cp" "$main" peak "$folder/demo-course" 2>/dev/null

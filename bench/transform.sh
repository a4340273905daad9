#!/usr/bin/env bash
# Measures the per-learner transform per request (JMH TransformBenchmark, one thread): the standard
# pipeline with nav_depth=3 and block counts ("full"), and depth=1 without counts ("shallow"), on
# the shared demo course and on synthetic 10,000- and 100,000-block courses.
# Usage: bench/transform.sh   Results go to standard output as a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mvn -q -B -ntp -DskipTests package >&2
java -jar bench/target/strata-benchmarks.jar TransformBenchmark -rf json -rff "$work/jmh.json" >&2

python3 - "$work/jmh.json" <<'PY'
import json, sys
print("| course | request | p50 (µs) | p99 (µs) |")
print("|---|---|---:|---:|")
for result in json.load(open(sys.argv[1])):
    name = result["benchmark"].rsplit(".", 1)[1]
    metric = result["primaryMetric"]
    p = metric["scorePercentiles"]
    print(f"| {result['params']['course']} | {name} | {p['50.0']:.1f} | {p['99.0']:.1f} |")
PY

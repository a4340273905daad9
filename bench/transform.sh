#!/usr/bin/env bash
# Measures the per-learner transform per request (JMH TransformBenchmark, one thread): the standard
# pipeline with nav_depth=3 and block counts ("full"), and depth=1 without counts ("shallow"), on
# the shared demo course and the 10,000- and 100,000-block sample courses (strata sample-course).
# Usage: bench/transform.sh [SEED]   (default 1). Results go to standard output as a Markdown table.
# BEFORE_CLASSES=DIR puts another build's domain classes first on the class path, so that one run
# measures the same benchmark against both builds (see docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
seed="${1:-1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mvn -q -B -ntp -DskipTests package >&2
# Copies, so that a build during the run does not change what is measured.
cp app/target/strata.jar bench/target/strata-benchmarks.jar "$work/"
courses=(demo)
for blocks in 10000 100000; do
    java -jar "$work/strata.jar" sample-course --blocks "$blocks" --seed "$seed" --out "$work/sample-$blocks" >&2
    courses+=("$work/sample-$blocks")
done

run() {
    local label="$1" classpath="$2"
    java -Djmh.ignoreLock=true -cp "$classpath" org.openjdk.jmh.Main TransformBenchmark \
        -p course="$(IFS=,; echo "${courses[*]}")" -rf json -rff "$work/$label.json" >&2
}
labels=(after)
run after "$work/strata-benchmarks.jar"
if [[ -n "${BEFORE_CLASSES:-}" ]]; then
    labels=(before after)
    run before "$BEFORE_CLASSES:$work/strata-benchmarks.jar"
fi

python3 - "$work" "${labels[@]}" <<'PY'
import json, os, sys
work, labels = sys.argv[1], sys.argv[2:]
rows = {}
for label in labels:
    for result in json.load(open(os.path.join(work, label + ".json"))):
        name = result["benchmark"].rsplit(".", 1)[1]
        course = os.path.basename(result["params"]["course"])
        p = result["primaryMetric"]["scorePercentiles"]
        rows.setdefault((course, name), {})[label] = (p["50.0"], p["99.0"])
head = " | ".join(f"{label} p50 (µs) | {label} p99 (µs)" for label in labels)
print(f"| course | request | {head} |" + (" after / before (p50) |" if len(labels) == 2 else ""))
print("|---|---|" + "---:|" * (2 * len(labels) + (1 if len(labels) == 2 else 0)))
for (course, name), by in rows.items():
    cells = " | ".join(f"{by[label][0]:.1f} | {by[label][1]:.1f}" for label in labels)
    ratio = f" {by['after'][0] / by['before'][0]:.2f} |" if len(labels) == 2 else ""
    print(f"| {course} | {name} | {cells} |{ratio}")
PY

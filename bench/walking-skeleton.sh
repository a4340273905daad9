#!/usr/bin/env bash
# Measures the main job on one course export, two ways, in one run on this machine:
#  1. whole commands, as an operator runs them (JVM start included): generate-course-blocks with
#     --force-update, and course-blocks served from the durable tier (a new process has an empty
#     in-process tier); medians of RUNS runs;
#  2. JMH (bench module, WalkingSkeletonBenchmark): import, collect, encode, decode, and serving
#     the outline request from the in-process tier and from the durable tier, after start-up.
# Usage: bench/walking-skeleton.sh [COURSE_FOLDER] [RUNS]   (default: the shared demo course, 7)
# Results go to standard output as a Markdown table; paste them into docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
course="${1:-../shared/data/olx/demo-course}"
runs="${2:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mvn -q -B -ntp -DskipTests package >&2
jar=app/target/strata.jar
key="$(java -jar "$jar" generate-course-blocks --source "$course" --all-courses --with-storage \
        --set durable.filesystem.folder="$work/store" 2>/dev/null | sed -n 's/^collected  \([^:]*:[^:]*\):.*/\1/p')"
if [ -z "$key" ]; then
    echo "walking-skeleton: could not generate the course in $course" >&2
    exit 1
fi

millis() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

for _ in $(seq "$runs"); do
    start=$(millis)
    java -jar "$jar" generate-course-blocks --source "$course" --all-courses --with-storage --force-update \
        --set durable.filesystem.folder="$work/store" > "$work/generate.out" 2>/dev/null
    echo $(( $(millis) - start )) >> "$work/generate.ms"
    start=$(millis)
    java -jar "$jar" course-blocks --course "$key" --username audit_learner --nav-depth 3 \
        --requested-fields children,graded,format,due,start --block-counts problem,video \
        --set durable.filesystem.folder="$work/store" > "$work/outline.json" 2>/dev/null
    echo $(( $(millis) - start )) >> "$work/serve.ms"
done
summary="$(grep '^collected' "$work/generate.out")"

java -jar bench/target/strata-benchmarks.jar WalkingSkeletonBenchmark -p course="$course" \
    -rf json -rff "$work/jmh.json" >&2

echo "Course: $key ($course); $summary"
echo
echo "| measurement | median |"
echo "|---|---:|"
echo "| generate-course-blocks --force-update, whole process (ms) | $(median < "$work/generate.ms") |"
echo "| course-blocks from the durable tier, whole process (ms) | $(median < "$work/serve.ms") |"
echo "| outline response size (bytes) | $(wc -c < "$work/outline.json") |"
python3 - "$work/jmh.json" <<'PY'
import json, sys
for result in json.load(open(sys.argv[1])):
    name = result["benchmark"].rsplit(".", 1)[1]
    metric = result["primaryMetric"]
    median = metric["scorePercentiles"]["50.0"]
    print(f"| JMH {name} ({metric['scoreUnit']}, p50) | {median:.3f} |")
PY

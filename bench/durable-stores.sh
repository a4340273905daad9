#!/usr/bin/env bash
# Measures a store and a load of 0.5, 3 and 20 MB payloads in the durable stores: a local folder,
# and S3 through S3Proxy on loopback (started here on a free port, keeping objects in a folder of
# the same disk). JMH DurableStoreBenchmark, one run.
# Usage: bench/durable-stores.sh   (needs the S3Proxy jar; bin/test downloads it)
# Results go to standard output as a Markdown table; paste them into docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:.*<s3proxy.version>\(.*\)</s3proxy.version>.*:\1:p' pom.xml)
jar="$HOME/.cache/strata/s3proxy-$version-jar-with-dependencies.jar"
[ -f "$jar" ] || { echo "durable-stores: $jar is missing; run bin/test once, which downloads it" >&2; exit 1; }
work="$(mktemp -d)"
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2> /dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
mkdir -p "$work/buckets/bench"
cat > "$work/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=strata-test-access
s3proxy.credential=strata-test-secret
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$work/buckets
jclouds.identity=strata-test-access
jclouds.credential=strata-test-secret
PROPS
java -Xmx512m -jar "$jar" --properties "$work/s3proxy.properties" > "$work/s3proxy.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
    (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null && break
    sleep 0.1
done

mvn -q -B -ntp -o -DskipTests package >&2
for _ in $(seq 60); do
    if java -jar bench/target/strata-benchmarks.jar DurableStoreBenchmark -p s3Endpoint="http://127.0.0.1:$port" \
            -rf json -rff "$work/jmh.json" > "$work/jmh.out" 2>&1; then
        break
    fi
    grep -q 'Unable to acquire the JMH lock' "$work/jmh.out" || { cat "$work/jmh.out" >&2; exit 1; }
    sleep 10
done
cat "$work/jmh.out" >&2

echo "Machine: $(nproc) cores, $(java -version 2>&1 | head -1); S3Proxy $version (filesystem-nio2 provider)"
echo
python3 - "$work/jmh.json" <<'PY'
import json, sys
medians = {}
for result in json.load(open(sys.argv[1])):
    name = result["benchmark"].rsplit(".", 1)[1]
    params = result["params"]
    medians[(params["backend"], int(params["payloadBytes"]), name)] = result["primaryMetric"]["scorePercentiles"]["50.0"]
print("| payload | filesystem store (ms) | s3 store (ms) | store ratio s3/fs | filesystem load (ms) | s3 load (ms) | load ratio s3/fs |")
print("|---:|---:|---:|---:|---:|---:|---:|")
for size in (500000, 3000000, 20000000):
    m = lambda backend, name: medians[(backend, size, name)]
    print(f"| {size / 1e6:g} MB | {m('filesystem', 'store'):.2f} | {m('s3', 'store'):.2f} "
          f"| {m('s3', 'store') / m('filesystem', 'store'):.2f} | {m('filesystem', 'load'):.2f} "
          f"| {m('s3', 'load'):.2f} | {m('s3', 'load') / m('filesystem', 'load'):.2f} |")
PY

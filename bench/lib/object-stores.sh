# Starts the object-store servers the durable-store benchmarks measure against, on free loopback
# ports, from what bin/test installs into ~/.cache/strata: S3Proxy (objects in a folder of the same
# disk, bucket "bench") and the firebase-tools Cloud Storage emulator (bucket "bench").
# Source it from a script run in the repository root that has set `script` to its own name for
# messages. Sourcing creates the temporary folder `work` and an EXIT trap that stops what was started
# and removes `work`. Sets s3proxy_version, s3_port, firebase_version and gcs_port.

work="$(mktemp -d)"
object_store_pids=()

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

await_port() {
    for _ in $(seq 100); do
        (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null && return 0
        sleep 0.1
    done
    echo "$script: nothing listens on port $1 after 10 s; see the logs in $work" >&2
    return 1
}

start_s3proxy() {
    s3proxy_version=$(sed -n 's:.*<s3proxy.version>\(.*\)</s3proxy.version>.*:\1:p' pom.xml)
    local jar="$HOME/.cache/strata/s3proxy-$s3proxy_version-jar-with-dependencies.jar"
    [ -f "$jar" ] || { echo "$script: $jar is missing; run bin/test once, which downloads it" >&2; exit 1; }
    s3_port="$(free_port)"
    mkdir -p "$work/buckets/bench"
    cat > "$work/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$s3_port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=strata-test-access
s3proxy.credential=strata-test-secret
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$work/buckets
jclouds.identity=strata-test-access
jclouds.credential=strata-test-secret
PROPS
    java -Xmx512m -jar "$jar" --properties "$work/s3proxy.properties" > "$work/s3proxy.log" 2>&1 &
    object_store_pids+=($!)
    await_port "$s3_port"
}

start_gcs_emulator() {
    firebase_version=$(sed -n 's:.*<firebase-tools.version>\(.*\)</firebase-tools.version>.*:\1:p' pom.xml)
    local firebase="$HOME/.cache/strata/firebase-tools-$firebase_version"
    [ -f "$firebase/installed" ] || { echo "$script: $firebase is missing; run bin/test once, which installs it" >&2; exit 1; }
    gcs_port="$(free_port)"
    node testkit/src/main/resources/io/strata/testkit/gcs-emulator.js "$firebase" "$gcs_port" strata-bench \
        > "$work/gcs-emulator.log" 2>&1 &
    object_store_pids+=($!)
    await_port "$gcs_port"
    curl -sf -X POST -H 'Content-Type: application/json' -d '{"name":"bench"}' \
        "http://127.0.0.1:$gcs_port/storage/v1/b?project=strata-bench" > /dev/null
}

cleanup_object_stores() {
    for pid in "${object_store_pids[@]}"; do
        kill "$pid" 2> /dev/null || true
    done
    rm -rf "$work"
}
trap cleanup_object_stores EXIT

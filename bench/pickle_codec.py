"""Times Open edX's way of storing a collected block structure: pickle, then zlib.

Reads the JSON written by `CodecMeasurements export`, rebuilds it as the plain dicts, lists and
datetimes Open edX pickles (per usage key: parents, children, fields, transformer data), then
times pickle.dumps + zlib.compress and zlib.decompress + pickle.loads with the standard library,
as Open edX's zpickle does (pickle protocol 4, zlib's default level). Prints name=value lines:
medians in milliseconds over RUNS runs, and the compressed size in bytes.

Usage: python3 pickle_codec.py EXPORT.json [RUNS]
"""
import datetime
import json
import pickle
import statistics
import sys
import time
import zlib


def revive(value):
    if isinstance(value, dict):
        if len(value) == 1 and "$date" in value:
            return datetime.datetime.fromisoformat(value["$date"].replace("Z", "+00:00"))
        return {name: revive(item) for name, item in value.items()}
    if isinstance(value, list):
        return [revive(item) for item in value]
    return value


def median_ms(action, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    data = revive(json.load(open(sys.argv[1], encoding="utf-8")))
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 21
    payload = zlib.compress(pickle.dumps(data, 4))
    encode = median_ms(lambda: zlib.compress(pickle.dumps(data, 4)), runs)
    decode = median_ms(lambda: pickle.loads(zlib.decompress(payload)), runs)
    decompress = median_ms(lambda: zlib.decompress(payload), runs)
    print(f"pickle_encode_ms={encode:.3f}")
    print(f"pickle_decode_ms={decode:.3f}")
    print(f"pickle_decompress_only_ms={decompress:.3f}")
    print(f"pickle_bytes={len(payload)}")


if __name__ == "__main__":
    main()

"""Samples a running host for LiteLoad.sh: one tab-separated line every N seconds until killed.

Columns: seconds since the first sample, the process's RSS (MB, /proc/PID/status VmRSS), the GC
heap and the bytes of Blux's in-memory structures (MB, from /status/detailed), tasks completed
(TaskCompleted events, from /metrics), then the size of each store file and its write-ahead log (MB).
Usage: LiteSamples.py PID BASE_URL DATA_DIR SECONDS (the token in BLUX_TOKEN).
"""
import json
import os
import re
import sys
import time
import urllib.request

pid, base, data, every = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
headers = {"Authorization": "Bearer " + os.environ["BLUX_TOKEN"]}
stores = ["lite.db", "lite.db-wal", "guard.db", "guard.db-wal", "ca.db", "ca.db-wal", "reg.db", "reg.db-wal"]


def get(path):
    with urllib.request.urlopen(urllib.request.Request(base + path, headers=headers), timeout=10) as answer:
        return answer.read().decode()


def rss_mb():
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def memory():
    """GC heap and the sum of the in-memory structures' estimated bytes, in MB."""
    try:
        detailed = json.loads(get("/status/detailed"))
    except Exception:
        return float("nan"), float("nan")
    process = detailed.get("process") or {}
    structures = 0
    for module in detailed.get("modules", {}).values():
        for structure in (module.get("details") or {}).get("memory", {}).values():
            structures += structure.get("estimated_bytes", 0)
    return process.get("gc_heap_bytes", float("nan")) / 2**20, structures / 2**20


def completed():
    try:
        text = get("/metrics")
    except Exception:
        return -1
    match = re.search(r'blux_events_total\{event_type="TaskCompleted"[^}]*\} (\d+)', text)
    return int(match.group(1)) if match else 0


def size_mb(name):
    path = os.path.join(data, name)
    return os.path.getsize(path) / 2**20 if os.path.exists(path) else 0.0


print("\t".join(["s", "rss_mb", "gc_heap_mb", "structures_mb", "tasks"] + [s + "_mb" for s in stores]), flush=True)
start = time.monotonic()
while True:
    heap, structures = memory()
    row = [f"{time.monotonic() - start:.0f}", f"{rss_mb():.0f}", f"{heap:.0f}", f"{structures:.1f}", str(completed())]
    row += [f"{size_mb(s):.1f}" for s in stores]
    print("\t".join(row), flush=True)
    time.sleep(every)

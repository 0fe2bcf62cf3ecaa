#!/usr/bin/env bash
# Echo tasks per second through the whole flow (validate, audit task.create, events, queue, run,
# audit task.execute, events, answer) with detailed audit, 32 concurrent clients, using wrk.
# Usage, from the repository root: bash benchmarks/Blux.Benchmarks/LiteLoad.sh [seconds] [query]
#   seconds: 60 by default. Measure for at least a minute: state that grows with the tasks served
#   (an earlier replay memory did) only shows after some 50,000 tasks.
#   query "?wait=5" (default) answers when the task has finished; "" measures submission alone.
#   WARMUP=30 (seconds of unmeasured load first: the JIT needs about 25 s to tier the hot path up).
#   BLUX_TASK_IDS=1 gives every request a task_id of its own (Guard's replay memory, Lite's lookup).
#   Other BLUX_*/Blux__* variables reach the host, e.g. Blux__Guard__FreshnessWindow=00:00:30.
#   Rate limits are OFF for the run (one identity sends far more than its 100 a minute): the
#   script says so; Blux__RateLimits__Enabled=true keeps them on, to measure their own cost.
#   SAMPLES=file.tsv writes a line every SAMPLE_EVERY (30) seconds from the start of the load:
#   the host's RSS, its GC heap and in-memory structures (from /status/detailed), the tasks
#   completed and the size of each store file with its write-ahead log (a soak: see performance.md).
#   KEEP_DATA=dir copies the data directory there once the host has stopped (to look into the stores).
# Prints wrk's figures and the host's CPU time per task (from /proc, user + system).
# Needs wrk (apt-get install wrk), curl and python3. Publishes the host in Release to a temp dir.
set -euo pipefail
SECONDS_TO_RUN=${1:-60}
QUERY=${2-?wait=5}
PORT=${PORT:-8089}
WORK=$(mktemp -d)
HOST=
SAMPLER=
trap '[ -n "$SAMPLER" ] && kill $SAMPLER 2>/dev/null; [ -n "$HOST" ] && kill $HOST 2>/dev/null; wait 2>/dev/null; [ -n "${KEEP_DATA:-}" ] && cp -a "$WORK/data" "$KEEP_DATA"; rm -rf "$WORK"' EXIT
dotnet publish Blux.Host -c Release -o "$WORK/host" > /dev/null
export Blux__RateLimits__Enabled="${Blux__RateLimits__Enabled:-false}"
echo "rate limits: Blux__RateLimits__Enabled=$Blux__RateLimits__Enabled (the budgets of docs/contract.md#rate-limits are off unless this is true)"
BLUX_DATA_PATH="$WORK/data" BLUX_LOG_PATH="$WORK/logs" dotnet "$WORK/host/Blux.Host.dll" --urls "http://127.0.0.1:$PORT" > "$WORK/host.log" 2>&1 &
HOST=$!
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$PORT/ready" > /dev/null && break; sleep 0.2; done
SECRET=$(python3 -c "import json;print(json.load(open('$WORK/data/bootstrap-admin.json'))['client_secret'])")
BLUX_TOKEN=$(curl -s -X POST "http://127.0.0.1:$PORT/v1/tokens" -H 'Content-Type: application/json' \
  -d "{\"grant_type\":\"client_credentials\",\"client_id\":\"admin\",\"client_secret\":\"$SECRET\"}" \
  | python3 -c "import json,sys;print(json.load(sys.stdin)['access_token'])")
export BLUX_TOKEN
SCRIPT="$(dirname "$0")/LiteLoad.lua"
if [ -n "${SAMPLES:-}" ]; then
  python3 "$(dirname "$0")/LiteSamples.py" "$HOST" "http://127.0.0.1:$PORT" "$WORK/data" "${SAMPLE_EVERY:-30}" > "$SAMPLES" &
  SAMPLER=$!
fi
wrk -t2 -c32 -d"${WARMUP:-30}s" --timeout 10s -s "$SCRIPT" "http://127.0.0.1:$PORT/v1/tasks$QUERY" > /dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
CPU_BEFORE=$(awk '{print $14 + $15}' "/proc/$HOST/stat")
wrk -t2 -c32 -d"${SECONDS_TO_RUN}s" --timeout 10s --latency -s "$SCRIPT" "http://127.0.0.1:$PORT/v1/tasks$QUERY" | tee "$WORK/wrk.out"
CPU_AFTER=$(awk '{print $14 + $15}' "/proc/$HOST/stat")
python3 - "$CPU_BEFORE" "$CPU_AFTER" "$SECONDS_TO_RUN" "$(awk '/^tasks\/s:/ {print $2}' "$WORK/wrk.out")" <<'PY'
import os, sys
before, after, seconds, rate = (float(a) for a in sys.argv[1:])
cpu = (after - before) / os.sysconf("SC_CLK_TCK")
print(f"host cpu: {cpu / seconds * 100:.0f}% of one core, {cpu * 1e6 / (rate * seconds):.0f} us per task")
PY

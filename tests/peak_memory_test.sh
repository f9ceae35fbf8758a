#!/usr/bin/env bash
# Issue 5's memory bound, end to end: the whole `qingdan` process converting one
# large document to JSON peaks at no more than 3 x the input + 16 MiB of resident
# memory (ru_maxrss of the child, read by python3).
#
#   peak_memory_test.sh QINGDAN QINGDAN_BENCH WORKDIR
#
# The document is the benchmark's 50 MB synthetic one (qingdan_bench
# --qingdan_write_synthetic), checked to parse into thousands of rows so that
# the test measures a real conversion.
set -euo pipefail
qingdan=$1 bench=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
doc=$work/synthetic.txt
"$bench" --qingdan_write_synthetic="$doc" > /dev/null
python3 - "$qingdan" "$doc" "$work/out.json" <<'PY'
import json, os, resource, subprocess, sys
qingdan, doc, out = sys.argv[1:4]
size = os.path.getsize(doc)
subprocess.run([qingdan, "-q", doc, "-o", out], check=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # Linux: KiB
limit = 3 * size + 16 * 2**20
with open(out, encoding="utf-8") as f:
    d = json.load(f)
rows = sum(len(t["rows"]) for dom in d["domains"] for t in dom["tasks"])
print(f"input {size / 2**20:.1f} MiB, {rows} rows; peak RSS {peak / 2**20:.1f} MiB "
      f"= {peak / size:.2f} x input; limit 3 x input + 16 MiB = {limit / 2**20:.1f} MiB")
if rows < 10000:
    sys.exit(f"peak_memory_test: only {rows} rows parsed: not the synthetic document?")
if peak > limit:
    sys.exit(f"peak_memory_test: peak RSS {peak / 2**20:.1f} MiB is over the limit {limit / 2**20:.1f} MiB")
PY

#!/usr/bin/env bash
# Batch baseline for issue 5: on a batch of 200 documents, single thread, qingdan must be at least as
# fast as `iconv -f UTF-8 -t UTF-16` over the same bytes, and >= 20x a straightforward
# single-process Python script doing the same job (bench/reference/straightforward.py).
#
#   bench/batch_compare.sh [QINGDAN]        (default ./build/qingdan)
#
# Builds the batch in a temporary directory: copies of the UTF-8 files of corpus/ (iconv -f UTF-8
# rejects the GB18030 and Big5 ones, so they are left out), every 20th one of the other UTF-8
# documents and all the rest the seed, each copy with its index appended to its title line so that
# no two are identical (about 9.6 MB). Then, in the same run, times with hyperfine (else a loop of
# `date +%s%N`):
#   iconv        iconv -f UTF-8 -t UTF-16 FILES... > /dev/null
#   qingdan -j1  qingdan convert -j1 --format ndjson DIR > /dev/null
#   qingdan -j2  qingdan convert -j2 --format ndjson DIR > /dev/null
#   python       python3 bench/reference/straightforward.py DIR > /dev/null
#   2x-j1-halves two qingdan convert -j1 processes at once, each on half of the batch
#   cpu-1/cpu-2  one CPU-bound awk loop, and two at once
# and prints wall time, MB/s and the ratios; the last two are the machine's ceilings for -j2
# (2.0 where both cores run a thread at full speed, whatever it does). MB = 10^6 bytes. Before timing, each converter is run
# once (untimed, also the warm-up) and its document and row counts are printed, so that a converter
# that silently did less work shows. Environment: N_DOCS (200), RUNS (5), PY_RUNS (2), PYTHON
# (python3), NO_HYPERFINE=1 to force the date loop.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
qingdan=${1:-./build/qingdan}
[[ -x $qingdan ]] || { echo "batch_compare.sh: $qingdan: not an executable (build qingdan first, or give its path)" >&2; exit 2; }
qingdan=$(cd "$(dirname "$qingdan")" && pwd)/$(basename "$qingdan")
python=${PYTHON:-python3}
reference=$here/reference/straightforward.py
n_docs=${N_DOCS:-200}
runs=${RUNS:-5}
py_runs=${PY_RUNS:-2}
seed=$root/corpus/chuxiong-2023.txt

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qingdan-batch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
batch=$tmp/batch
mkdir "$batch"

# --- the batch ---------------------------------------------------------------------------------
others=()
for f in "$root"/corpus/*.txt; do
  [[ $f == "$seed" ]] && continue
  if iconv -f UTF-8 -t UTF-16 "$f" > /dev/null 2>&1; then
    others+=("$f")
  else
    echo "note: $(basename "$f") left out of the batch (not UTF-8; iconv -f UTF-8 rejects it)"
  fi
done
for ((i = 0; i < n_docs; i++)); do
  src=$seed
  if ((i % 20 == 19 && ${#others[@]} > 0)); then
    src=${others[$(((i / 20) % ${#others[@]}))]}
  fi
  # Append the index to the first non-blank line (the title), trailing blanks and CR removed.
  awk -v tag="（副本$i）" '!done && NF { sub(/[ \t\r]+$/, ""); print $0 tag; done = 1; next } { print }' \
    "$src" > "$batch/doc-$(printf %03d "$i").txt"
done
files=("$batch"/*.txt)
bytes=$(cat "${files[@]}" | wc -c)
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1e6 }')
seed_copies=$(grep -l "楚雄州贯彻落实" "${files[@]}" | wc -l)
echo "batch: ${#files[@]} documents ($seed_copies copies of the seed), $bytes bytes = $mb MB, in $batch"
if (($(md5sum "${files[@]}" | awk '{ print $1 }' | sort -u | wc -l) != ${#files[@]})); then
  echo "batch_compare.sh: two documents of the batch are identical" >&2
  exit 1
fi

q=$(printf %q "$qingdan")
b=$(printf %q "$batch")
p=$(printf %q "$python")
r=$(printf %q "$reference")
cmd_iconv="iconv -f UTF-8 -t UTF-16 $b/*.txt > /dev/null"
cmd_j1="$q convert -j1 --format ndjson $b > /dev/null"
cmd_j2="$q convert -j2 --format ndjson $b > /dev/null"
cmd_py="$p $r $b > /dev/null"
# The machine's own ceilings for -j2: one CPU-bound loop, and two of them at once (on a machine
# whose two cores each run a thread at full speed, two take as long as one); and two separate
# `qingdan convert -j1` processes, each on half of the batch, at once (what splitting the batch
# between processes, as GNU parallel does, would give).
cpu_loop="awk 'BEGIN { for (i = 0; i < 4e6; i++) s += i }'"
cmd_cpu1="$cpu_loop"
cmd_cpu2="$cpu_loop & $cpu_loop & wait"
mkdir "$tmp/half-a" "$tmp/half-b"
for ((i = 0; i < ${#files[@]}; i++)); do
  ln "${files[$i]}" "$tmp/half-$( ((i % 2 == 0)) && echo a || echo b)/"
done
cmd_halves="$q convert -j1 --format ndjson $(printf %q "$tmp/half-a") > /dev/null &
  $q convert -j1 --format ndjson $(printf %q "$tmp/half-b") > /dev/null & wait"

# --- untimed check run (also the warm-up): what each converter produced -----------------------
count() { # NDJSON file → "documents rows"
  "$python" -c '
import json, sys
docs = rows = 0
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    docs += 1
    rows += sum(len(t["rows"]) for dm in d["domains"] for t in dm["tasks"])
print(docs, rows)' "$1"
}
iconv -f UTF-8 -t UTF-16 "${files[@]}" > /dev/null
"$qingdan" convert -q -j1 --format ndjson "$batch" > "$tmp/qingdan.ndjson" 2> "$tmp/qingdan.err" || {
  cat "$tmp/qingdan.err" >&2
  exit 1
}
"$python" "$reference" "$batch" > "$tmp/python.ndjson" 2> "$tmp/python.err" || {
  cat "$tmp/python.err" >&2
  exit 1
}
read -r q_docs q_rows < <(count "$tmp/qingdan.ndjson")
read -r p_docs p_rows < <(count "$tmp/python.ndjson")
p_skipped=$(grep -c ': skipped: ' "$tmp/python.err" || true)
echo "check run: qingdan $q_docs documents, $q_rows rows; python $p_docs documents, $p_rows rows" \
  "($p_skipped skipped: not the table layout)"
echo

# --- timing ------------------------------------------------------------------------------------
results=$tmp/results.tsv # name mean_s stddev_s min_s runs
if [[ -z ${NO_HYPERFINE:-} ]] && command -v hyperfine > /dev/null; then
  echo "timing with $(hyperfine --version) (--warmup 1 --runs $runs; python --warmup 0 --runs $py_runs)"
  hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$tmp/fast.json" \
    -n iconv "$cmd_iconv" -n qingdan-j1 "$cmd_j1" -n qingdan-j2 "$cmd_j2" \
    -n 2x-j1-halves "$cmd_halves" -n cpu-1 "$cmd_cpu1" -n cpu-2 "$cmd_cpu2" > "$tmp/hyperfine.out"
  hyperfine --style basic --warmup 0 --runs "$py_runs" --export-json "$tmp/python.json" \
    -n python "$cmd_py" > "$tmp/hyperfine-python.out"
  cat "$tmp/hyperfine.out" "$tmp/hyperfine-python.out"
  "$python" -c '
import json, sys
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        print(r["command"], r["mean"], r["stddev"] or 0.0, r["min"], len(r["times"]), sep="\t")' \
    "$tmp/fast.json" "$tmp/python.json" > "$results"
else
  echo "timing with a date +%s%N loop (1 warm-up, $runs runs; python $py_runs runs)"
  time_loop() { # name warmups runs command
    local name=$1 warm=$2 n=$3 cmd=$4 t0 t1 i
    local times=()
    for ((i = 0; i < warm; i++)); do eval "$cmd" 2> /dev/null; done
    for ((i = 0; i < n; i++)); do
      t0=$(date +%s%N)
      eval "$cmd" 2> /dev/null
      t1=$(date +%s%N)
      times+=($((t1 - t0)))
    done
    printf '%s\n' "${times[@]}" | awk -v name="$name" '
      { t = $1 / 1e9; s += t; ss += t * t; if (NR == 1 || t < min) min = t; n++ }
      END { m = s / n; v = n > 1 ? (ss - n * m * m) / (n - 1) : 0; if (v < 0) v = 0
            printf "%s\t%.6f\t%.6f\t%.6f\t%d\n", name, m, sqrt(v), min, n }'
  }
  {
    time_loop iconv 1 "$runs" "$cmd_iconv"
    time_loop qingdan-j1 1 "$runs" "$cmd_j1"
    time_loop qingdan-j2 1 "$runs" "$cmd_j2"
    time_loop 2x-j1-halves 1 "$runs" "$cmd_halves"
    time_loop cpu-1 1 "$runs" "$cmd_cpu1"
    time_loop cpu-2 1 "$runs" "$cmd_cpu2"
    time_loop python 0 "$py_runs" "$cmd_py"
  } > "$results"
fi

# --- table -------------------------------------------------------------------------------------
echo
awk -F'\t' -v mb="$mb" -v docs="${#files[@]}" -v cores="$(nproc)" '
  { mean[$1] = $2; sd[$1] = $3; min[$1] = $4; n[$1] = $5; order[++k] = $1 }
  END {
    printf "%-12s %10s %9s %10s %5s %9s\n", "command", "mean ms", "± ms", "min ms", "runs", "MB/s"
    for (i = 1; i <= k; i++) {
      c = order[i]
      if (c ~ /^cpu-/ || c == "2x-j1-halves") continue
      printf "%-12s %10.1f %9.1f %10.1f %5d %9.1f\n", c, mean[c] * 1e3, sd[c] * 1e3, min[c] * 1e3, n[c], mb / mean[c]
    }
    printf "\n%d documents, %s MB; MB/s from the mean; ratios from the means (from the minimums in brackets)\n", docs, mb
    printf "qingdan-j1 vs iconv   %6.2fx  (%.2fx)   speed of qingdan -j1 / speed of iconv; issue 5 target >= 1\n",
      mean["iconv"] / mean["qingdan-j1"], min["iconv"] / min["qingdan-j1"]
    printf "j2 / j1 speed-up      %6.2fx  (%.2fx)   on %d cores; issue 5 target >= 1.8\n",
      mean["qingdan-j1"] / mean["qingdan-j2"], min["qingdan-j1"] / min["qingdan-j2"], cores
    printf "two -j1 on halves     %6.2fx  (%.2fx)   two qingdan -j1 processes, each on half, at once vs -j1 on all\n",
      mean["qingdan-j1"] / mean["2x-j1-halves"], min["qingdan-j1"] / min["2x-j1-halves"]
    printf "two CPU loops         %6.2fx  (%.2fx)   two CPU-bound awk loops at once vs one: 2 x time(one) / time(two)\n",
      2 * mean["cpu-1"] / mean["cpu-2"], 2 * min["cpu-1"] / min["cpu-2"]
    printf "qingdan-j1 vs python  %6.2fx  (%.2fx)   speed of qingdan -j1 / speed of straightforward.py; issue 5 target >= 20\n",
      mean["python"] / mean["qingdan-j1"], min["python"] / min["qingdan-j1"]
  }' "$results"

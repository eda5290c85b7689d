#!/usr/bin/env bash
# Reproduces the tables of BENCHMARKS.md, printed as Markdown on standard output:
#   1. citegraph extract --format jsonl against ripgrep on synthetic corpora (best of 3, same run);
#   2. extract on 1 and 2 threads (RAYON_NUM_THREADS), and its peak memory;
#   3. citegraph analyse (every output, drawings included) with its time and peak memory,
#      stopped at a time and memory limit (scripts/limited_run.py);
#   4. PageRank and betweenness against networkx and rustworkx on the same edge lists.
# Every row carries the 1-minute load average when it was measured: on a shared machine wall
# times move with the load, ratios measured in the same row much less.
#
#   scripts/bench.sh [WORK_DIR]        # default /tmp/citegraph-bench; needs ~6 GB free
#
# Needs: cargo, ripgrep, hyperfine, GNU time (/usr/bin/time), Graphviz (for analyse's drawings),
# python3 with networkx and rustworkx (pip install -r scripts/requirements-bench.txt).
# Settings (environment):
#   SIZES="100M 200M 1G"          corpora of the extraction table (200M also gives the
#                                 one-document row and the thread table)
#   ANALYSE_SIZES="5M 20M 100M 1G" corpora given to analyse
#   ANALYSE_RENDER=svg            analyse --render (svg, pdf, png, or "" for DOT only)
#   ANALYSE_MAX_NODES=150         analyse --max-nodes
#   ANALYSE_TIMEOUT=1500          seconds before an analyse run is stopped
#   ANALYSE_LIMIT_MIB=8192        resident MiB (process tree) at which it is stopped
#   SKIP_EXTRACT=1, SKIP_ANALYSE=1, SKIP_METRICS=1   leave a part out
#   NX_BETWEENNESS=0              skip networkx's exact betweenness (minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-/tmp/citegraph-bench}
SIZES=${SIZES:-"100M 200M 1G"}
ANALYSE_SIZES=${ANALYSE_SIZES:-"5M 20M 100M 1G"}
ANALYSE_RENDER=${ANALYSE_RENDER-svg}
ANALYSE_MAX_NODES=${ANALYSE_MAX_NODES:-150}
ANALYSE_TIMEOUT=${ANALYSE_TIMEOUT:-1500}
ANALYSE_LIMIT_MIB=${ANALYSE_LIMIT_MIB:-8192}
PATTERN='\([^()]*\b(1[89]|20)\d\d[a-z]?\b[^()]*\)'
mkdir -p "$WORK"

cargo build --release --quiet
cargo build --release --quiet --example metrics_compare
BIN=${CARGO_TARGET_DIR:-target}/release/citegraph
METRICS=${CARGO_TARGET_DIR:-target}/release/examples/metrics_compare

load() { cut -d' ' -f1 /proc/loadavg; }

echo "## Machine"
echo
echo "- $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "- $(free -g | awk '/Mem:/{print $2}') GiB memory; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- $(rustc --version), $(rg --version | sed -n 1p), $(hyperfine --version), $(dot -V 2>&1 || echo 'no Graphviz')"
echo "- citegraph $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (with uncommitted changes)')"
echo

# hyperfine's best (minimum) of one command, in seconds.
best() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"{min(r['times']):.3f}\")" "$1"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.1f}x')" "$1" "$2"; }
# Best of 3 (one warm-up run) of a command given as one string.
time3() { hyperfine --style none --runs 3 --warmup 1 --export-json "$WORK/h.json" "$1" >/dev/null; best "$WORK/h.json"; }

# The synthetic corpus of one size: one document per 100 KiB, seed 1.
corpus() {
  local size=$1 dir="$WORK/corpus-$1" docs
  docs=$(python3 -c "import sys; s=sys.argv[1]; u={'K':1<<10,'M':1<<20,'G':1<<30}[s[-1]]; print(max(1, int(float(s[:-1])*u)//(100<<10)))" "$size")
  [ -f "$dir/truth.jsonl" ] || "$BIN" synth --docs "$docs" --seed 1 --size "$size" --out "$dir" 2>/dev/null
  echo "$dir"
}
single() {
  [ -f "$WORK/single-200M/truth.jsonl" ] || "$BIN" synth --docs 1 --seed 1 --size 200M --out "$WORK/single-200M" 2>/dev/null
  echo "$WORK/single-200M/000000.txt"
}

# Whether extract's records are the corpus's truth.jsonl, field for field; `ref` and `work`
# (links to reference entries and works) are not part of the generator's truth.
matches_truth() {
  (cd "$1" && "$BIN" extract . --format jsonl) | python3 -c '
import json, sys
truth = open(sys.argv[1])
for count, line in enumerate(sys.stdin, 1):
    found = json.loads(line)
    found["doc"] = found["doc"].removeprefix("./")
    found["ref"] = found["work"] = None
    if found != json.loads(next(truth, "null")):
        sys.exit(print(f"no (record {count})"))
sys.exit(print("no (records missing)") if next(truth, None) else print("yes"))
' "$1/truth.jsonl"
}

if [ "${SKIP_EXTRACT:-0}" != 1 ]; then
  echo "## Extraction against ripgrep (best of 3, same run)"
  echo
  echo "| corpus | bytes | citations | citegraph extract --format jsonl | rg -c (candidate brackets) | ratio | load |"
  echo "|---|---|---|---|---|---|---|"
  for size in $SIZES; do
    dir=$(corpus "$size")
    files=$(find "$dir" -name '*.txt' | wc -l)
    bytes=$(cat "$dir"/*.txt | wc -c)
    cites=$(wc -l <"$dir/truth.jsonl")
    l=$(load)
    cg=$(time3 "$BIN extract $dir --format jsonl")
    rgt=$(time3 "rg -c -g '*.txt' '$PATTERN' $dir")
    echo "| $files files ($size) | $bytes | $cites | ${cg} s | ${rgt} s | $(ratio "$cg" "$rgt") | $l |"
    if [ "$size" = 200M ]; then
      # One document of the same size (a concatenation would not do: everything after the
      # first reference list would be read as references).
      one=$(single)
      l=$(load)
      cg1=$(time3 "$BIN extract $one --format jsonl")
      rg1=$(time3 "rg -c '$PATTERN' $one")
      echo "| one document (200M) | $(wc -c <"$one") | $(wc -l <"$WORK/single-200M/truth.jsonl") | ${cg1} s | ${rg1} s | $(ratio "$cg1" "$rg1") | $l |"
    fi
  done
  echo
  echo "Records equal to truth.jsonl (ref and work aside): $(for size in $SIZES; do echo -n "$size $(matches_truth "$WORK/corpus-$size"); "; done)"
  echo

  echo "## Extract on 1 and 2 threads, and peak memory (best of 3, same run)"
  echo
  echo "| input | 1 thread | 2 threads | speed-up | peak RSS, 1 thread | peak RSS, 2 threads | load |"
  echo "|---|---|---|---|---|---|---|"
  rss() { { RAYON_NUM_THREADS=$1 /usr/bin/time -f %M "$BIN" extract "$2" >/dev/null; } 2>&1 | tail -1; }
  for input in "$WORK/corpus-200M" "$(single)"; do
    l=$(load)
    t1=$(time3 "RAYON_NUM_THREADS=1 $BIN extract $input")
    t2=$(time3 "RAYON_NUM_THREADS=2 $BIN extract $input")
    r1=$(rss 1 "$input")
    r2=$(rss 2 "$input")
    echo "| ${input#"$WORK"/} | ${t1} s | ${t2} s | $(ratio "$t1" "$t2") | $((r1 / 1024)) MiB | $((r2 / 1024)) MiB | $l |"
  done
  for size in $SIZES; do
    echo "| corpus-$size | | | | | $(($(rss 2 "$WORK/corpus-$size") / 1024)) MiB | $(load) |"
  done
  echo
fi

if [ "${SKIP_ANALYSE:-0}" != 1 ]; then
  echo "## analyse: time and peak memory (once; stopped after ${ANALYSE_TIMEOUT} s or ${ANALYSE_LIMIT_MIB} MiB)"
  echo
  echo "\`citegraph analyse DIR --out OUT --render '$ANALYSE_RENDER' --max-nodes $ANALYSE_MAX_NODES -q\`"
  echo
  echo "| corpus | documents | outcome | wall | user + sys | max RSS (GNU time) | peak RSS, process tree | over 2 GiB after | output written | load before, after |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for size in $ANALYSE_SIZES; do
    dir=$(corpus "$size")
    out="$WORK/analyse-$size"
    rm -rf "$out"
    before=$(load)
    read -r status wall maxrss peak over user sys < <(scripts/limited_run.py \
      --timeout "$ANALYSE_TIMEOUT" --limit-mib "$ANALYSE_LIMIT_MIB" \
      --log "$WORK/analyse-$size.time" --trace "$WORK/analyse-$size.trace" -- \
      "$BIN" analyse "$dir" --out "$out" --render "$ANALYSE_RENDER" --max-nodes "$ANALYSE_MAX_NODES" -q)
    case $status in
      ok) outcome="finished" ;;
      memory) outcome="**stopped at ${ANALYSE_LIMIT_MIB} MiB**" ;;
      timeout) outcome="**stopped after ${ANALYSE_TIMEOUT} s**" ;;
      *) outcome="**failed**" ;;
    esac
    cpu=$(python3 -c "import sys; print(f'{float(sys.argv[1])+float(sys.argv[2]):.0f} s')" "$user" "$sys" 2>/dev/null || echo -)
    files=$(find "$out" -type f 2>/dev/null | wc -l)
    written=$(du -sh "$out" 2>/dev/null | cut -f1)
    echo "| $size | $(find "$dir" -name '*.txt' | wc -l) | $outcome | ${wall} s | $cpu | ${maxrss} MiB | ${peak} MiB | ${over} s | $files files, ${written:-0} | $before, $(load) |"
    rm -rf "$out"
  done
  echo
fi

if [ "${SKIP_METRICS:-0}" != 1 ]; then
  echo "## PageRank and betweenness on the same edge lists (best of 3; networkx betweenness once)"
  echo
  "$METRICS" write "$WORK/graphs"
  # The citation graph of the 100M corpus as citegraph exports it.
  "$BIN" graph "$(corpus 100M)" --graph citation --format json --no-metrics -q -o "$WORK/graphs/exported.json"
  read -r n m < <(python3 scripts/compare_metrics.py convert "$WORK/graphs/exported.json" "$WORK/graphs/exported_citation_100M.edges")
  echo "exported_citation_100M: \`citegraph graph corpus-100M --graph citation --format json\`, $n nodes, $m edges"
  echo
  echo "| graph | metric | citegraph | rustworkx | networkx | vs networkx | vs rustworkx | load |"
  echo "|---|---|---|---|---|---|---|---|"
  row() { # graph metric networkx-repeats
    local file="$WORK/graphs/$1.edges" r x n l
    l=$(load)
    r=$("$METRICS" time "$file" "$2" | awk '{print $4}')
    x=$(python3 scripts/compare_metrics.py rustworkx "$2" "$file" 3 | awk '{print $4}')
    if [ "$3" = 0 ]; then n=""; else n=$(python3 scripts/compare_metrics.py networkx "$2" "$file" "$3" | awk '{print $4}'); fi
    python3 - "$1" "$2" "$r" "$x" "$n" "$l" <<'PY'
import sys
graph, metric, r, x, n, load = sys.argv[1:7]
r, x = float(r), float(x)
nx = f"{float(n):.3f} s" if n else "not run"
ratio = f"{float(n)/r:.0f}x" if n else ""
print(f"| {graph} | {metric} | {r:.3f} s | {x:.3f} s | {nx} | {ratio} | {x/r:.1f}x | {load} |")
PY
  }
  row random_10k pagerank 3
  row citation_100k pagerank 3
  row exported_citation_100M pagerank 3
  row random_2k betweenness "${NX_BETWEENNESS:-1}"
  row exported_citation_100M betweenness "${NX_BETWEENNESS:-1}"
  row random_10k betweenness 0
fi

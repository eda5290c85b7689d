#!/usr/bin/env bash
# Reproduces the tables of BENCHMARKS.md: citegraph extract against ripgrep on synthetic corpora
# (best of 3, same run), scaling with cores, peak memory, and PageRank / betweenness against
# networkx and rustworkx on the same edge lists. Prints Markdown on standard output.
#
#   scripts/bench.sh [WORK_DIR]        # default /tmp/citegraph-bench; needs ~5 GB free
#
# Needs: cargo, ripgrep, hyperfine, GNU time (/usr/bin/time), python3 with networkx and
# rustworkx (pip install -r scripts/requirements-bench.txt). SIZES="100M 200M 1G" chooses the
# corpora (SKIP_METRICS=1 skips the graph comparison; NX_BETWEENNESS=0 skips networkx's exact
# betweenness, which takes minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-/tmp/citegraph-bench}
SIZES=${SIZES:-"100M 200M 1G"}
PATTERN='\([^()]*\b(1[89]|20)\d\d[a-z]?\b[^()]*\)'
mkdir -p "$WORK"

cargo build --release --quiet
cargo build --release --quiet --example metrics_compare
BIN=${CARGO_TARGET_DIR:-target}/release/citegraph
METRICS=${CARGO_TARGET_DIR:-target}/release/examples/metrics_compare

echo "## Machine"
echo
echo "- $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "- $(free -g | awk '/Mem:/{print $2}') GiB memory; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- $(rustc --version), $(rg --version | sed -n 1p), $(hyperfine --version)"
echo

# hyperfine's best (minimum) and mean of one command, in seconds.
best() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"{min(r['times']):.3f} {r['mean']:.3f}\")" "$1"; }

echo "## Extraction against ripgrep (best of 3, same run)"
echo
echo "| corpus | bytes | citations | citegraph extract --format jsonl | rg -c (candidate brackets) | ratio |"
echo "|---|---|---|---|---|---|"
for size in $SIZES; do
  docs=$(python3 -c "import sys; s=sys.argv[1]; u={'K':1<<10,'M':1<<20,'G':1<<30}[s[-1]]; print(max(1, int(float(s[:-1])*u)//(100<<10)))" "$size")
  dir="$WORK/corpus-$size"
  if [ ! -f "$dir/truth.jsonl" ]; then
    "$BIN" synth --docs "$docs" --seed 1 --size "$size" --out "$dir" 2>/dev/null
  fi
  bytes=$(cat "$dir"/*.txt | wc -c)
  cites=$(wc -l < "$dir/truth.jsonl")
  hyperfine --style none --runs 3 --warmup 1 --export-json "$WORK/x.json" "$BIN extract $dir --format jsonl" >/dev/null
  read -r cg _ < <(best "$WORK/x.json")
  hyperfine --style none --runs 3 --warmup 1 --export-json "$WORK/r.json" "rg -c -g '*.txt' '$PATTERN' $dir" >/dev/null
  read -r rgt _ < <(best "$WORK/r.json")
  echo "| $docs files ($size) | $bytes | $cites | ${cg} s | ${rgt} s | $(python3 -c "print(f'{$cg/$rgt:.1f}x')") |"
  if [ "$size" = "200M" ]; then
    # One document of the same size (a concatenation would not do: everything after the
    # first reference list would be read as references).
    [ -f "$WORK/single-200M/truth.jsonl" ] || "$BIN" synth --docs 1 --seed 1 --size 200M --out "$WORK/single-200M" 2>/dev/null
    one="$WORK/single-200M/000000.txt"
    bytes=$(wc -c < "$one")
    cites=$(wc -l < "$WORK/single-200M/truth.jsonl")
    hyperfine --style none --runs 3 --warmup 1 --export-json "$WORK/x.json" "$BIN extract $one --format jsonl" >/dev/null
    read -r cg1 _ < <(best "$WORK/x.json")
    hyperfine --style none --runs 3 --warmup 1 --export-json "$WORK/r.json" "rg -c '$PATTERN' $one" >/dev/null
    read -r rg1 _ < <(best "$WORK/r.json")
    echo "| one document (200M) | $bytes | $cites | ${cg1} s | ${rg1} s | $(python3 -c "print(f'{$cg1/$rg1:.1f}x')") |"
  fi
done
echo

echo "## Scaling with cores and peak memory (extract --format jsonl, 200M corpus)"
echo
echo "| threads | best of 3 | peak RSS |"
echo "|---|---|---|"
dir="$WORK/corpus-200M"
for threads in 1 2; do
  hyperfine --style none --runs 3 --warmup 1 --export-json "$WORK/x.json" "RAYON_NUM_THREADS=$threads $BIN extract $dir" >/dev/null
  read -r t _ < <(best "$WORK/x.json")
  rss=$( { RAYON_NUM_THREADS=$threads /usr/bin/time -f %M "$BIN" extract "$dir" >/dev/null; } 2>&1 | tail -1)
  echo "| $threads | ${t} s | $((rss / 1024)) MiB |"
done
for size in $SIZES; do
  rss=$( { /usr/bin/time -f %M "$BIN" extract "$WORK/corpus-$size" >/dev/null; } 2>&1 | tail -1)
  echo "| 2, corpus $size | | $((rss / 1024)) MiB |"
done
one="$WORK/single-200M/000000.txt"
if [ -f "$one" ]; then
  for threads in 1 2; do
    hyperfine --style none --runs 3 --warmup 1 --export-json "$WORK/x.json" "RAYON_NUM_THREADS=$threads $BIN extract $one" >/dev/null
    read -r t _ < <(best "$WORK/x.json")
    rss=$( { RAYON_NUM_THREADS=$threads /usr/bin/time -f %M "$BIN" extract "$one" >/dev/null; } 2>&1 | tail -1)
    echo "| $threads, one 200M document | ${t} s | $((rss / 1024)) MiB |"
  done
fi
echo

if [ "${SKIP_METRICS:-0}" != 1 ]; then
  echo "## PageRank and betweenness on the same edge lists (best of 3; networkx betweenness once)"
  echo
  "$METRICS" write "$WORK/graphs"
  echo "| graph | metric | citegraph | rustworkx | networkx | vs networkx | vs rustworkx |"
  echo "|---|---|---|---|---|---|---|"
  row() { # graph metric networkx-repeats
    local file="$WORK/graphs/$1.edges" r x n
    r=$("$METRICS" time "$file" "$2" | awk '{print $4}')
    x=$(python3 scripts/compare_metrics.py rustworkx "$2" "$file" 3 | awk '{print $4}')
    if [ "$3" = 0 ]; then n=""; else n=$(python3 scripts/compare_metrics.py networkx "$2" "$file" "$3" | awk '{print $4}'); fi
    python3 - "$1" "$2" "$r" "$x" "$n" <<'PY'
import sys
graph, metric, r, x, n = sys.argv[1:6]
r, x = float(r), float(x)
nx = f"{float(n):.3f} s" if n else "not run"
ratio = f"{float(n)/r:.0f}x" if n else ""
print(f"| {graph} | {metric} | {r:.3f} s | {x:.3f} s | {nx} | {ratio} | {x/r:.1f}x |")
PY
  }
  row random_10k pagerank 3
  row citation_100k pagerank 3
  row random_2k betweenness "${NX_BETWEENNESS:-1}"
  row random_10k betweenness 0
fi

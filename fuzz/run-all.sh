#!/usr/bin/env bash
# Runs every fuzz target for a fixed budget, one after another, and prints the executions of
# each. Usage: fuzz/run-all.sh [SECONDS_PER_TARGET] [TARGET...]   (default 600 s, all targets)
# Needs cargo-fuzz (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP=1 lets the stable toolchain
# accept the sanitizer flags cargo-fuzz passes. Findings land in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")"
budget="${1:-600}"
shift || true
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
    targets=(normalize cluster narrative_bracket work extract reference claims)
fi
export RUSTC_BOOTSTRAP=1
mkdir -p logs
for target in "${targets[@]}"; do
    case "$target" in
        extract | normalize | claims) max_len=65536 ;;
        *) max_len=4096 ;;
    esac
    mkdir -p "corpus/$target"
    seeds=()
    if [ -d "../tests/fixtures/fuzz/$target" ]; then
        seeds+=("../tests/fixtures/fuzz/$target")
    fi
    status=0
    cargo fuzz run "$target" "corpus/$target" "${seeds[@]}" -- \
        -max_total_time="$budget" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
        -dict=citation.dict -print_final_stats=1 >"logs/$target.log" 2>&1 || status=$?
    runs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "logs/$target.log" | tail -1 || true)
    echo "$target: exit $status, ${runs:-no summary (see fuzz/logs/$target.log)}"
done

#!/usr/bin/env bash
# Compares the engine and gateway benches of two commits on this machine, back to back:
# builds each commit's release benches in its own directory, then runs them interleaved,
# RUNS times each, alternating which goes first, and prints every run's figures.
# usage: deploy/local/bench-before-after.sh BEFORE AFTER [RUNS]   (needs PostgreSQL and Redis)
set -euo pipefail
cd "$(dirname "$0")/../.."
before=$1 after=$2 runs=${3:-3}
work=${BENCH_WORK:-/tmp/visadesk-bench}
for commit in "$before" "$after"; do
    dir=$work/$commit
    if [ ! -d "$dir" ]; then
        mkdir -p "$dir"
        git archive "$commit" | tar -x -C "$dir"
    fi
    (cd "$dir" && cargo bench -p visadesk-tests --bench engine --bench gateway --no-run >/dev/null 2>&1)
done
bench() { # commit, bench name
    local exe
    exe=$(ls "$work/$1"/target/release/deps/"$2"-* | grep -v '\.d$' | head -n1)
    (cd "$work/$1/tests" && "$exe" --bench)
}
for i in $(seq 1 "$runs"); do
    order=("$before" "$after")
    if [ $((i % 2)) -eq 0 ]; then order=("$after" "$before"); fi
    for commit in "${order[@]}"; do
        echo "== $commit, run $i, load $(cut -d' ' -f1 /proc/loadavg)"
        bench "$commit" engine | grep -E '^(stack|sqlite|postgres)'
        bench "$commit" gateway | sed -n '/medians over/,$p'
    done
done

#!/usr/bin/env bash
# Runs the runtime simulator's benchmarks and Brian2 side by side, in one go on one machine, and appends every JSON
# line to bench/results/sim-DATE.jsonl (docs/benchmarks.md, "Runtime simulator", says what each line is for).
# Needs: the built CLI (bin/spikeforge builds it), Debian's python3-brian and cython3 for Brian2.
# Takes about 15-25 minutes on a 2-core machine; run it when nothing else is.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/results/sim-$(date +%Y%m%d-%H%M%S).jsonl"
mkdir -p "$(dirname "$OUT")"
SF="$ROOT/bin/spikeforge"
BRIAN=/usr/bin/python3   # Debian's Python, where python3-brian lives
MAIN="--n-in 10000 --n-out 10000 --fanout 1000 --activity 0.02 --steps 1000"

run() {  # label, command...: keeps the JSON last line, tagged with the label
  local label=$1; shift
  echo "== $label: $*" >&2
  "$@" | tail -n 1 | sed "s/^{/{\"label\": \"$label\", /" | tee -a "$OUT"
}

run main-1-thread "$SF" bench sim $MAIN --threads 1 --json
run main-2-threads "$SF" bench sim $MAIN --threads 2 --json
# Brian2: a first call compiles the Cython code into its cache, the timed call runs after its own warm-up as well.
"$BRIAN" "$ROOT/bench/brian2_sim.py" --n-in 1000 --n-out 1000 --fanout 100 --steps 20 --target cython >/dev/null
run brian2-cython "$BRIAN" "$ROOT/bench/brian2_sim.py" $MAIN --target cython
run brian2-numpy "$BRIAN" "$ROOT/bench/brian2_sim.py" $MAIN --target numpy
for a in 0.01 0.02 0.05 0.20; do
  run "100k-10M-$a-1-thread" "$SF" bench sim --n-in 100000 --n-out 100000 --fanout 100 --activity $a --steps 1000 --threads 1 --json
  run "100k-10M-$a-2-threads" "$SF" bench sim --n-in 100000 --n-out 100000 --fanout 100 --activity $a --steps 1000 --threads 2 --json
done
echo "results: $OUT" >&2

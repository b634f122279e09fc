#!/usr/bin/env bash
# Trainer speed against PyTorch: the same 784-400-10 LIF network (direct encoding, 25 steps, batch 128, 2 threads),
# trained side by side on the same machine, one after the other, 2 epochs each on all 60 000 Fashion-MNIST images.
# Appends both JSON result lines to bench/results/trainer-DATE.jsonl and prints them. Needs Debian's python3-torch
# (apt-get install -y python3-torch), run by Debian's /usr/bin/python3.
# Extra arguments go to both (e.g. --epochs 3).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/results/trainer-$(date +%Y-%m-%d).jsonl"
mkdir -p "$ROOT/bench/results"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

/usr/bin/python3 "$ROOT/bench/torch_lif_mlp.py" --hidden 400 --steps 25 --batch 128 --threads 2 --epochs 2 "$@" \
  | tail -n 1 | sed 's/^{/{"label": "pytorch", /' | tee -a "$OUT"

"$ROOT/bin/spikeforge" train --dataset fashion-mnist --hidden 400 --steps 25 --encoding direct --batch 128 --threads 2 \
  --epochs 2 --schedule constant --out "$TMP/speed.sft" --json "$@" 2>/dev/null \
  | tail -n 1 | sed 's/^{/{"label": "spikeforge", /' | tee -a "$OUT"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

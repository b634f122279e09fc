#!/usr/bin/env bash
# Trainer speed against PyTorch on conv networks (issue 21): the padded conv net (--conv 16x3p1,32x3p1 --hidden 256,
# T = 10) and the default SEW-ResNet (train --arch resnet: a 16x3p1 stem, one block of two 16-channel convs, 256
# hidden, T = 11), direct input, batch 128, 2 threads, 2 epochs of the first 10 000 Fashion-MNIST images each.
# PyTorch runs bench/torch_lif_conv.py (the same equations, written the way snnTorch writes them: a loop over steps,
# nn.Conv2d per step, autograd). The four runs alternate, REPEAT times (default 3), so that both see the same
# machine; every JSON line goes to bench/results/trainer-conv-DATE.jsonl with a label, and to stdout.
# Needs Debian's python3-torch (apt-get install -y python3-torch), run by Debian's /usr/bin/python3.
# Extra arguments go to every run (e.g. --limit 5000).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/results/trainer-conv-$(date +%Y-%m-%d).jsonl"
REPEAT="${REPEAT:-3}"
mkdir -p "$ROOT/bench/results"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
"$ROOT/bin/spikeforge" --help >/dev/null   # builds the jar first if sources changed, outside the timed runs
COMMON=(--batch 128 --threads 2 --epochs 2 --limit 10000 --test-limit 1000)

run() {   # label, command...
  local label="$1"
  shift
  local load
  load="$(cut -d' ' -f1 /proc/loadavg)"
  "$@" 2>/dev/null | tail -n 1 | sed "s/^{/{\"label\": \"$label\", \"load_before\": $load, /" | tee -a "$OUT"
}

for i in $(seq "$REPEAT"); do
  run pytorch-conv /usr/bin/python3 "$ROOT/bench/torch_lif_conv.py" --conv 16x3p1,32x3p1 --hidden 256 --steps 10 "${COMMON[@]}" "$@"
  run spikeforge-conv "$ROOT/bin/spikeforge" train --dataset fashion-mnist --arch conv --conv 16x3p1,32x3p1 --hidden 256 --steps 10 \
    --schedule constant "${COMMON[@]}" --out "$TMP/conv.sft" --json "$@"
  run pytorch-resnet /usr/bin/python3 "$ROOT/bench/torch_lif_conv.py" --conv 16x3p1 --blocks 1 --hidden 256 --steps 11 "${COMMON[@]}" "$@"
  run spikeforge-resnet "$ROOT/bin/spikeforge" train --dataset fashion-mnist --arch resnet --schedule constant "${COMMON[@]}" \
    --out "$TMP/resnet.sft" --json "$@"
done

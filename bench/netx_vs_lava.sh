#!/usr/bin/env bash
# Exports a network to netx (or imports a netx file) and runs it twice on the same random input spikes: on
# Spikeforge's bit-exact simulator (the compiled network) and as Lava builds it from the file (bench/netx_h5py_check.py's restatement of Lava's
# reader and fixed-point models, on h5py), then compares spikes (every neuron) and voltages (simulate's default
# probes) step by step. Prints IDENTICAL or the differences.
#
# Usage: bench/netx_vs_lava.sh MODEL.sft|CHIP.sfc|FILE.net [STEPS] [DIR]
# (a .net file is imported with --skip-input-neurons: input neurons' spikes are the input on both sides)
# Needs /usr/bin/python3 with h5py (Debian: apt-get install python3-h5py).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IN="$1"; STEPS="${2:-30}"; DIR="${3:-$(mktemp -d)}"
SF="$ROOT/bin/spikeforge"
mkdir -p "$DIR"
case "$IN" in
  *.sft) "$SF" export-netx "$IN" --out "$DIR/net.net" --chip-out "$DIR/chip.sfc" ;;
  *.net) cp "$IN" "$DIR/net.net"; "$SF" import-netx "$IN" --out "$DIR/chip.sfc" --skip-input-neurons ;;
  *) cp "$IN" "$DIR/chip.sfc"; "$SF" export-netx "$DIR/chip.sfc" --out "$DIR/net.net" ;;
esac
INPUTS=$("$SF" inspect "$DIR/chip.sfc" --out "$DIR/chip.json" >/dev/null && /usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['input_size'])" "$DIR/chip.json")
/usr/bin/python3 - "$INPUTS" "$STEPS" > "$DIR/input.csv" <<'PY'
import random, sys
n, steps = int(sys.argv[1]), int(sys.argv[2])
random.seed(1)
print("step,neuron")
for t in range(steps):
    for i in range(n):
        if random.random() < 0.15:
            print(f"{t},{i}")
PY
RUN=$((STEPS + 4))
"$SF" simulate "$DIR/chip.sfc" --input "$DIR/input.csv" --steps "$RUN" --record spikes,voltage --out "$DIR/spikeforge" >/dev/null
/usr/bin/python3 "$ROOT/bench/netx_h5py_check.py" "$DIR/net.net" --run "$DIR/input.csv" --steps "$RUN" --out "$DIR/lava_spikes.csv" --voltage "$DIR/lava_voltage.csv"
/usr/bin/python3 - "$DIR" <<'PY'
import csv, sys
d = sys.argv[1]
a = sorted(open(f"{d}/spikeforge/spikes.csv").read().split("\n")[1:])
b = sorted(open(f"{d}/lava_spikes.csv").read().split("\n")[1:])
va = list(csv.DictReader(open(f"{d}/spikeforge/voltage.csv")))
vb = list(csv.DictReader(open(f"{d}/lava_voltage.csv")))
cols = [c for c in va[0] if c != "step"]
dv = sum(1 for r, s in zip(va, vb) for c in cols if r[c] != s[c])
spikes = len([x for x in a if x])
print(f"{d}: {spikes} spikes on the simulator, {len([x for x in b if x])} as Lava runs the file; "
      f"voltages compared: {len(cols)} neurons x {len(va)} steps, {dv} differ")
print("IDENTICAL" if a == b and dv == 0 and len(va) == len(vb) else "DIFFERENT")
sys.exit(0 if a == b and dv == 0 else 1)
PY

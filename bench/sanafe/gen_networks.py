#!/usr/bin/env python3
"""Write the three hand-made compiled networks (Spikeforge JSON) and their input spike files for the SANA-FE
comparison (bench/sanafe/README.md).

Every network is feed-forward, INTEGRATE_AND_FIRE (no current register, no leak), integer 8-bit weights,
weight_exp 0, RESET_TO_ZERO, no bias, the loihi1 profile embedded (plus neuron_models INTEGRATE_AND_FIRE), neurons
split over cores of at most `cap` neurons placed on the profile's 8 (x) x 16 (y) core mesh. Mesh slot (0, 0) is never
used: it is where host input enters in Spikeforge's hop model and where the converter (to_sanafe.py) puts SANA-FE's
input neurons (tile 0, core 0).

One threshold per layer is chosen by bisection so that the layer's firing rate, on this very input, is near the
target; that is done with a small numpy model of the same integer semantics (below), which is also used to check that
no membrane potential comes near the 24-bit clip (SANA-FE does not clip, Spikeforge does).

Outputs in --out (default bench/sanafe/out, ignored by git), for each network NAME:
  NAME.json        compiled network, docs/compiled-network.md
  NAME_input.csv   input spikes, 'step,neuron' lines, seeded Bernoulli
  NAME_ref.json    what the numpy model expects: spikes per layer, synaptic ops, neuron updates, chosen thresholds
"""
import argparse
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
PROFILE = os.path.join(ROOT, "compiler", "src", "main", "resources", "profiles", "loihi1.json")

MESH_W, MESH_H = 8, 16
V_MAX = (1 << 23) - 1          # Spikeforge clips v to +-(2^23 - 1) in 1/64 units
V_LIMIT = V_MAX // 64          # ... i.e. +-131071 weight units

# name, layer sizes, input rate, steps, neurons per core cap, weight kind, placement, seed, target rate per layer
NETWORKS = [
    dict(name="mlp_784_128_10", sizes=[784, 128, 10], input_rate=0.10, steps=128, cap=64,
         weights="dense", placement="row", seed=101, target=[0.10, 0.10]),
    dict(name="mlp_784_512_256_10", sizes=[784, 512, 256, 10], input_rate=0.10, steps=128, cap=128,
         weights="dense", placement="column", seed=202, target=[0.10, 0.10, 0.10]),
    dict(name="sparse_1000_1000", sizes=[1000, 1000], input_rate=0.05, steps=160, cap=256,
         weights="sparse", placement="spread", seed=303, target=[0.08]),
    # Not one of the three comparison networks: a converter check of the paths the others leave unused (CUBA_LIF with
    # du = 4095 / dv = 0, per-neuron thresholds vth_mants, RESET_BY_SUBTRACTION; its profile also lists
    # RESET_BY_SUBTRACTION, which Loihi 1 does not have).
    dict(name="check_cuba_vths_sub", sizes=[784, 128, 10], input_rate=0.10, steps=128, cap=100,
         weights="dense", placement="row", seed=404, target=[0.10, 0.10],
         model="CUBA_LIF", per_neuron_vth=True, reset="RESET_BY_SUBTRACTION", extra=True),
]


def slots(placement, count):
    """Mesh positions (x, y) for `count` cores, never (0, 0)."""
    if placement == "row":       # x fastest: (1,0), (2,0), ... -> one core per SANA-FE tile, hops on both models
        order = [(s % MESH_W, s // MESH_W) for s in range(1, MESH_W * MESH_H)]
    elif placement == "column":  # y fastest: (0,1), (0,2), ... -> four cores share a SANA-FE tile
        order = [(s // MESH_H, s % MESH_H) for s in range(1, MESH_W * MESH_H)]
    elif placement == "spread":  # far corners and the middle: long routes
        order = [(7, 15), (7, 0), (0, 15), (4, 8), (3, 3), (6, 10)]
    else:
        raise ValueError(placement)
    if count > len(order):
        raise ValueError("not enough mesh slots")
    return order[:count]


def draw_weights(rng, size, fan_in, kind):
    """Integer weights, row-major [neuron][source]; dense: no zero; sparse: 20 % of the synapses, the rest 0."""
    if kind == "dense":
        w = np.rint(rng.normal(1.0, 6.0, size=(size, fan_in))).astype(np.int64)
    else:
        w = np.rint(rng.normal(2.0, 8.0, size=(size, fan_in))).astype(np.int64)
    w = np.clip(w, -127, 127)
    zero = w == 0
    w[zero] = rng.choice([-1, 1], size=int(zero.sum()))
    if kind == "sparse":
        w[rng.random((size, fan_in)) >= 0.20] = 0
    return w


def run_layer(w, spikes_in, vth, model="INTEGRATE_AND_FIRE", subtract=False):
    """INTEGRATE_AND_FIRE (or CUBA_LIF with du = 4095, dv = 0: the same v and spikes), one-step delay: spikes of
    step t (rows of spikes_in) reach the layer on step t + 1. vth: one threshold or one per neuron (weight units).
    Returns (spikes [T, size] bool, neuron updates, max |v|, updates counted SANA-FE's way).
    A neuron update is counted as Spikeforge counts it: summed input a != 0 or v != 0 (CUBA_LIF: or last step's
    u != 0, and with du = 4095 u is last step's a << 6). SANA-FE counts a neuron as updated when any synaptic event
    reached it (even if the weights cancel to a = 0) or its potential is non-zero."""
    steps = spikes_in.shape[0]
    size = w.shape[0]
    v = np.zeros(size, dtype=np.int64)
    u = np.zeros(size, dtype=np.int64)
    vth = np.broadcast_to(np.asarray(vth, dtype=np.int64), (size,))
    cuba = model == "CUBA_LIF"
    out = np.zeros((steps, size), dtype=bool)
    updates = 0
    updates_sanafe = 0
    vmax = 0
    wt = w.T  # [source][neuron]
    nz = (w != 0).T
    for t in range(1, steps):
        active = np.nonzero(spikes_in[t - 1])[0]
        got_input = nz[active].any(axis=0) if active.size else np.zeros(size, dtype=bool)
        a = wt[active].sum(axis=0) if active.size else np.zeros(size, dtype=np.int64)
        updates += int(np.count_nonzero((a != 0) | (v != 0) | ((u != 0) if cuba else False)))
        u = a
        updates_sanafe += int(np.count_nonzero(got_input | (v != 0)))
        v = v + a
        vmax = max(vmax, int(np.abs(v).max()))
        fire = v > vth
        out[t] = fire
        v[fire] = v[fire] - vth[fire] if subtract else 0
    return out, updates, vmax, updates_sanafe


def thresholds(base, factors):
    return base if factors is None else np.clip(np.rint(base * factors), 1, V_LIMIT).astype(np.int64)


def calibrate(w, spikes_in, target, factors=None, model="INTEGRATE_AND_FIRE", subtract=False):
    """Integer threshold base (1 .. 131071) giving the rate nearest the target, by bisection on the rate; with
    per-neuron factors, neuron n's threshold is round(base * factors[n])."""
    lo, hi = 1, V_LIMIT
    best = None
    while lo <= hi:
        mid = (lo + hi) // 2
        out = run_layer(w, spikes_in, thresholds(mid, factors), model, subtract)[0]
        rate = out[1:].mean()
        if best is None or abs(rate - target) < abs(best[1] - target):
            best = (mid, rate)
        if rate > target:
            lo = mid + 1
        else:
            hi = mid - 1
    return best[0]


def build(spec, profile):
    rng = np.random.default_rng(spec["seed"])
    sizes, steps = spec["sizes"], spec["steps"]
    n_in = sizes[0]
    inp = rng.random((steps, n_in)) < spec["input_rate"]

    layers, cores, routes, ref_layers = [], [], [], []
    n_cores = sum(-(-s // spec["cap"]) for s in sizes[1:])
    pos = slots(spec["placement"], n_cores)
    prev_spikes = inp
    prev_cores = None  # None: host input
    syn_ops = 0
    updates_total = 0
    updates_sanafe_total = 0
    for li, (fan_in, size) in enumerate(zip(sizes[:-1], sizes[1:])):
        w = draw_weights(rng, size, fan_in, spec["weights"])
        model = spec.get("model", "INTEGRATE_AND_FIRE")
        subtract = spec.get("reset", "RESET_TO_ZERO") == "RESET_BY_SUBTRACTION"
        factors = rng.uniform(0.6, 1.4, size) if spec.get("per_neuron_vth") else None
        base = calibrate(w, prev_spikes, spec["target"][li], factors, model, subtract)
        vth = thresholds(base, factors)
        out, updates, vmax, updates_sanafe = run_layer(w, prev_spikes, vth, model, subtract)
        if vmax >= V_LIMIT:
            raise SystemExit(f"{spec['name']} layer {li}: |v| reaches {vmax}, the 24-bit clip; change the weights")
        nnz_per_source = (w != 0).sum(axis=0)
        # every spike is delivered when it is sent, the last step's included (both simulators charge those)
        syn_ops += int((prev_spikes.astype(np.int64) @ nnz_per_source).sum())
        updates_total += updates
        updates_sanafe_total += updates_sanafe
        name = f"L{li + 1}"
        layer = {
            "name": name, "size": size, "source": li - 1, "fan_in": fan_in, "weight_bits": 8, "weight_exp": 0,
            "neuron": {"model": model, "du": 4095, "dv": 0, "vth_mant": int(base),
                       "reset": spec.get("reset", "RESET_TO_ZERO")},
            "scale": 1.0,
        }
        if factors is not None:
            layer["vth_mants"] = [int(x) for x in vth]
        if spec["weights"] == "dense":
            layer["weights"] = [int(x) for x in w.reshape(-1)]
        else:
            wt = w.T
            start, target, weight = [0], [], []
            for s in range(fan_in):
                nz = np.nonzero(wt[s])[0]
                target.extend(int(n) for n in nz)
                weight.extend(int(x) for x in wt[s][nz])
                start.append(len(target))
            layer["sparse_weights"] = {"source_start": start, "target": target, "weight": weight}
        layers.append(layer)

        my_cores = []
        for b in range(0, size, spec["cap"]):
            e = min(size, b + spec["cap"])
            cid = len(cores)
            x, y = pos[cid]
            cores.append({"id": cid, "chip": 0, "x": x, "y": y, "layer": li, "neuron_begin": b, "neuron_end": e,
                          "input_axons": fan_in, "synapse_bits": str(int((w[b:e] != 0).sum()) * 8
                                                                     if spec["weights"] == "sparse"
                                                                     else fan_in * (e - b) * 8)})
            my_cores.append(cid)
        # routes: one per (sending core, receiving core) with any synapse between them; hops = Manhattan distance
        # on the 8 x 16 mesh, host input entering at (0, 0) as the compiler's Mesh.hopsFromHost does
        for d in my_cores:
            dc = cores[d]
            if prev_cores is None:
                if (w[dc["neuron_begin"]:dc["neuron_end"]] != 0).any():
                    routes.append({"src_core": -1, "dst_core": d, "hops": dc["x"] + dc["y"]})
            else:
                for s in prev_cores:
                    sc = cores[s]
                    block = w[dc["neuron_begin"]:dc["neuron_end"], sc["neuron_begin"]:sc["neuron_end"]]
                    if (block != 0).any():
                        routes.append({"src_core": s, "dst_core": d,
                                       "hops": abs(sc["x"] - dc["x"]) + abs(sc["y"] - dc["y"])})
        ref_layers.append({"name": name, "vth_mant": int(base), "spikes": int(out.sum()),
                           "rate": float(out[1:].mean()), "neuron_updates": updates,
                           "neuron_updates_sanafe_rule": updates_sanafe, "max_abs_v": vmax})
        prev_spikes = out
        prev_cores = my_cores

    net = {
        "name": spec["name"],
        "profile": profile,
        "input": {"shape": [n_in], "encoding": "RATE", "steps": steps, "gain": 1.0},
        "input_size": n_in,
        "layers": layers,
        "cores": cores,
        "routes": routes,
    }
    ref = {"name": spec["name"], "steps": steps, "input_spikes": int(inp.sum()), "layers": ref_layers,
           "synaptic_ops": syn_ops, "neuron_updates": updates_total,
           "neuron_updates_sanafe_rule": updates_sanafe_total,
           "spikes": sum(l["spikes"] for l in ref_layers), "seed": spec["seed"]}
    csv = "".join(f"{t},{n}\n" for t, n in zip(*np.nonzero(inp)))
    return net, csv, ref


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(HERE, "out"))
    ap.add_argument("--only", help="build only this network")
    args = ap.parse_args()
    with open(PROFILE) as f:
        profile = json.load(f)
    profile["neuron_models"] = ["INTEGRATE_AND_FIRE"]
    os.makedirs(args.out, exist_ok=True)
    for spec in NETWORKS:
        if args.only and spec["name"] != args.only:
            continue
        p = profile
        if spec.get("reset") == "RESET_BY_SUBTRACTION":
            p = dict(profile, reset_modes=["RESET_TO_ZERO", "RESET_BY_SUBTRACTION"])
        net, csv, ref = build(spec, p)
        base = os.path.join(args.out, spec["name"])
        with open(base + ".json", "w") as f:
            json.dump(net, f, separators=(",", ":"))
        with open(base + "_input.csv", "w") as f:
            f.write(csv)
        with open(base + "_ref.json", "w") as f:
            json.dump(ref, f, indent=1)
        rates = ", ".join(f"{l['name']} vth {l['vth_mant']} rate {l['rate']:.3f}" for l in ref["layers"])
        print(f"{spec['name']}: {ref['input_spikes']} input spikes, {ref['spikes']} neuron spikes; {rates}",
              file=sys.stderr)


if __name__ == "__main__":
    main()

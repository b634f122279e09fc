#!/usr/bin/python3
"""Reads a netx file (lava-dl's HDF5 network description) with h5py the way Lava's netx.hdf5.Network reads it and
prints every layer's fields (one JSON line per layer), with their HDF5 dtypes and shapes, and the parameters of the processes Lava would build
from them; with --run it also steps those processes bit-accurately on input spikes and writes their spikes, for a
diff against `spikeforge simulate`. An independent check (h5py/libhdf5 and numpy, not jhdf or Spikeforge's Java) that
files written by `spikeforge export-netx` carry, as Lava reads them, exactly the compiled network's numbers.

Lava and lava-dl are not installable here (no PyPI), so nothing below imports them. The reading and building steps
are restated, step by step, from lava-dl (src/lava/lib/dl/netx/hdf5.py: Network._create, create_dense, create_conv,
get_neuron_params; netx/utils.py: NetDict, optimize_weight_bits; netx/blocks/process.py: Dense, RecurrentDense, Conv)
and lava (proc/dense/models.py: PyDenseModelBitAcc, PyDelayDenseModelBitAcc; utils/weightutils.py: clip_weights,
truncate_weights, determine_sign_mode; proc/lif/models.py: PyLifModelBitAcc; proc/conv/utils.py: conv). The same
restatement reproduces the output spikes of lava-dl's own test of tests/lava/lib/dl/netx/tiny.net (test_tinynet,
gts/tinynet/output.npy) with no error; see docs/netx.md.

Debian: apt-get install python3-h5py; run with /usr/bin/python3.
Usage: bench/netx_h5py_check.py FILE.net [--run SPIKES.csv --steps N --out lava_spikes.csv]
SPIKES.csv: lines 'step,neuron' (the input spikes `spikeforge simulate --input` reads). The output has the columns of
simulate's spikes.csv (step,layer,neuron), layers named as the file's Spikeforge record names them (else layer<k>).
"""
import argparse
import json
import sys

import h5py
import numpy as np


# ---- reading: lava-dl's NetDict --------------------------------------------------------------------------------
def text(ds):
    """'type' entries: a string, or a one-element string array; bytes decoded as ascii (NetDict.__getitem__)."""
    v = ds[()]
    if np.ndim(v) > 0:
        v = v[0]
    return v.decode("ascii")


def as_int(ds):
    """'weight', 'weight_rec', 'bias': copied as integers, truncated toward zero (astype(int))."""
    return ds[()].astype(int).copy()


def describe(ds):
    return {"dtype": ds.dtype.str if ds.dtype.kind != "O" else "vlen-str", "shape": list(ds.shape)}


# ---- netx's optimize_weight_bits (lava-dl netx/utils.py) -------------------------------------------------------
def optimize_weight_bits(weight):
    weight = weight.copy()
    max_w, min_w = np.max(weight), np.min(weight)
    if max_w > 254 and min_w < 0:
        weight = np.clip(weight, -256, 254)
        max_w = np.max(weight)
    if min_w < -256 and max_w > 0:
        weight = np.clip(weight, -256, 254)
        min_w = np.min(weight)
    if max_w < 0:
        mode, signed = "inhibitory", 0
        scale = -256 / min_w
    elif min_w >= 0:
        mode, signed = "excitatory", 0
        if max_w == 0:
            raise ValueError("every weight is 0: optimize_weight_bits divides 255 by the largest weight")
        scale = 255 / max_w
    else:
        mode, signed = "mixed", 1
        pos = 127 / max_w if max_w > 0 else np.inf
        scale = min(pos, -128 / min_w)
    scale_bits = int(np.floor(np.log2(scale))) + signed
    n = 8
    while n > 0 and np.sum(np.abs(weight / 2 ** n - np.round(weight / 2 ** n))) != 0:
        n -= 1
    n -= signed
    if scale_bits < 0:
        raise ValueError(f"negative shift {scale_bits}")
    return np.left_shift(weight.astype(np.int32), scale_bits).astype(int), 8 - scale_bits - n, -scale_bits


# ---- Lava's Dense, bit-accurate: first-step weight handling (proc/dense/models.py, utils/weightutils.py) --------
def lava_dense_weights(weights, num_weight_bits):
    if np.min(weights) >= 0:
        mode = "excitatory"
    elif np.max(weights) <= 0:
        mode = "inhibitory"
    else:
        mode = "mixed"
    w = weights.astype(np.int32)
    mixed = int(mode == "mixed")
    if mode == "inhibitory":
        w = -w
    w = np.clip(w, -256 * mixed, 255)
    t = 8 - num_weight_bits + mixed
    if t < 0:
        raise ValueError(f"negative truncation {t}")
    w = (w >> t) << t
    return -w if mode == "inhibitory" else w


# ---- building, as hdf5.Network._create and its create_* do ----------------------------------------------------
def neuron_params(g):
    n = g["neuron"]
    kind = text(n["type"])
    if kind not in ("CUBA", "LOIHI"):
        return {"type": kind}
    p = {"type": kind, "du": int(n["iDecay"][()]) - 1, "dv": int(n["vDecay"][()]), "vth": int(n["vThMant"][()]), "bias_exp": 6,
         "fields": {k: describe(n[k]) for k in n.keys()}}
    if "refDelay" in n:
        p["refDelay_not_read_by_lava"] = int(n["refDelay"][()])
    return p


def expand(x):
    return [int(x), int(x)] if np.isscalar(x) or np.ndim(x) == 0 else [int(v) for v in x]


def build(f):
    layers, flatten_next = [], False
    input_shape = None
    group = f["layer"]
    for i in range(len(group)):
        g = group[str(i)]
        kind = text(g["type"])
        entry = {"index": i, "type": kind, "shape": [int(v) for v in g["shape"][()]],
                 "fields": {k: describe(g[k]) for k in g.keys() if isinstance(g[k], h5py.Dataset)}}
        if kind == "input":
            input_shape = entry["shape"]
            if "neuron" in g:
                entry["neuron"] = neuron_params(g)
        elif kind == "flatten":
            flatten_next = True
        elif kind in ("dense", "dense_rec"):
            size = int(np.prod(g["shape"][()]))
            entry["neuron"] = neuron_params(g) if "neuron" in g else {"type": "CUBA", "du": -1, "dv": 4096, "vth": 1 << 17, "bias_exp": 6}
            w = as_int(g["weight"])
            if w.ndim == 1:
                w = w.reshape(size, -1)
            parts = [w]
            if kind == "dense_rec":
                wr = as_int(g["weight_rec"])
                parts.append(wr.reshape(size, -1) if wr.ndim == 1 else wr)
            held, nwb, exp = optimize_weight_bits(np.hstack(parts))
            held_parts = [held[:, :parts[0].shape[1]]] + ([held[:, parts[0].shape[1]:]] if len(parts) > 1 else [])
            held_parts = [lava_dense_weights(h, nwb) for h in held_parts]
            entry.update(weight=parts[0], weight_rec=parts[1] if len(parts) > 1 else None, held=held_parts,
                         num_weight_bits=nwb, weight_exp=exp, flattened_input=flatten_next,
                         exact=all(np.array_equal(h, p << -exp) for h, p in zip(held_parts, parts)))
            flatten_next = False
            if "bias" in g:
                entry["bias"] = as_int(g["bias"])
            if "delay" in g:
                d = g["delay"][()]
                d = np.clip(d, 0, 62) if d.max() > 62 else d
                if np.isscalar(d) or np.ndim(d) == 0:
                    d = d * np.ones_like(parts[0])
                elif d.ndim == 1:
                    d = np.repeat(d.reshape(-1, 1), parts[0].shape[1], 1) if d.size == parts[0].shape[0] else np.repeat(d.reshape(1, -1), parts[0].shape[0], 0)
                entry["delay"] = d.astype(int)
        elif kind == "conv":
            entry["neuron"] = neuron_params(g)
            w = as_int(g["weight"])
            entry.update(weight=w.reshape(w.shape[:4]), stride=expand(g["stride"][()]), padding=expand(g["padding"][()]),
                         dilation=expand(g["dilation"][()]), groups=int(g["groups"][()]))
            if "bias" in g:
                entry["bias"] = as_int(g["bias"])
        else:
            entry["lava"] = "NotImplementedError"
        layers.append(entry)
    return layers, input_shape


def summary(layers):
    out = []
    for e in layers:
        s = {k: e[k] for k in ("index", "type", "shape", "fields", "neuron") if k in e}
        if "held" in e:
            s.update(weight_shape=list(e["weight"].shape), weight_min=int(e["weight"].min()), weight_max=int(e["weight"].max()),
                     num_weight_bits=e["num_weight_bits"], lava_weight_exp=e["weight_exp"], lava_holds_the_file_weights_exactly=bool(e["exact"]))
            if e.get("weight_rec") is not None:
                s["weight_rec_shape"] = list(e["weight_rec"].shape)
        if "bias" in e:
            s.update(bias_min=int(np.min(e["bias"])), bias_max=int(np.max(e["bias"])))
        if "delay" in e:
            s.update(delay_values=sorted({int(v) for v in np.unique(e["delay"])}))
        if e["type"] == "conv":
            s.update(kernel=list(e["weight"].shape), stride=e["stride"], padding=e["padding"], dilation=e["dilation"], groups=e["groups"])
        out.append(s)
    return out


# ---- running the processes Lava builds, bit-accurately ------------------------------------------------------------
class Lif:
    """PyLifModelBitAcc: 12-bit decays truncated toward zero, input and threshold << 6, u wrapped, v clipped, reset to 0."""

    def __init__(self, n, p, bias):
        self.u = np.zeros(n, np.int64)
        self.v = np.zeros(n, np.int64)
        self.p = p
        self.bias = np.zeros(n, np.int64) if bias is None else np.broadcast_to(bias, (n,)).astype(np.int64) << p["bias_exp"]

    def step(self, a):
        m = 1 << 23
        du = self.u * (4096 - (self.p["du"] + 1))
        u = np.sign(du) * (np.abs(du) >> 12) + (a.astype(np.int64) << 6)
        w = np.where(u > m, u - 2 * m, u)
        self.u = np.where(w <= -m, u + 2 * m, w)
        dv = self.v * (4096 - self.p["dv"])
        self.v = np.clip(np.sign(dv) * (np.abs(dv) >> 12) + self.u + self.bias, -m + 1, m - 1)
        s = self.v > (self.p["vth"] << 6)
        self.v[s] = 0
        return s


def conv_sum(x, w, stride, padding, dilation, groups):
    """Cross-correlation with the file's kernel (netx flips it, Lava's convolution flips it back); x is [C, H, W]."""
    c, h, wd = x.shape
    o, cg, kh, kw = w.shape
    ho = (h + 2 * padding[0] - dilation[0] * (kh - 1) - 1) // stride[0] + 1
    wo = (wd + 2 * padding[1] - dilation[1] * (kw - 1) - 1) // stride[1] + 1
    xp = np.pad(x, ((0, 0), (padding[0], padding[0]), (padding[1], padding[1])))
    out = np.zeros((o, ho, wo), np.int64)
    per_out = o // groups
    for oc in range(o):
        g = oc // per_out
        for i in range(kh):
            for j in range(kw):
                rows = xp[g * cg:(g + 1) * cg, i * dilation[0]: i * dilation[0] + stride[0] * (ho - 1) + 1: stride[0],
                          j * dilation[1]: j * dilation[1] + stride[1] * (wo - 1) + 1: stride[1]]
                out[oc] += np.tensordot(w[oc, :, i, j], rows, axes=(0, 0))
    return out.reshape(-1)


def run(layers, input_shape, spikes, steps):
    """Per step: every synapse sends what it accumulated from the previous step (Lava's a_buff), its neuron steps,
    then the synapse takes in this step's spikes. Returns, per spiking layer, the list of (step, neuron), and per
    step every layer's v after the step."""
    blocks = [e for e in layers if e["type"] in ("dense", "dense_rec", "conv")]
    shapes, shape = [], input_shape
    for e in blocks:
        shapes.append(shape)
        shape = e["shape"]
    state = []
    for e in blocks:
        n = int(np.prod(e["shape"]))
        bias = e.get("bias")
        if e["type"] == "conv" and bias is not None:
            bias = np.repeat(bias, n // bias.size)
        width = int(e["delay"].max()) + 1 if "delay" in e else 1
        state.append({"lif": Lif(n, e["neuron"], bias), "buf": np.zeros((width, n), np.int64), "rec": np.zeros(n, np.int64),
                      "prev": np.zeros(n, bool)})
    out = [[] for _ in blocks]
    voltages = []
    for t in range(steps):
        src = np.zeros(int(np.prod(input_shape)), bool)
        for k in spikes.get(t, []):
            src[k] = True
        for b, (e, st) in enumerate(zip(blocks, state)):
            a = st["buf"][0] + st["rec"]
            s = st["lif"].step(a)
            # this step's input into the synapse: arrives next step (or 'delay' steps later)
            st["buf"] = np.roll(st["buf"], -1, axis=0)
            st["buf"][-1] = 0
            if e["type"] == "conv":
                st["buf"][0] += conv_sum(src.reshape(shapes[b]).astype(np.int64), e["weight"], e["stride"], e["padding"], e["dilation"], e["groups"])
            else:
                held, shift = e["held"], -e["weight_exp"]
                if "delay" in e:
                    for d in range(st["buf"].shape[0]):
                        st["buf"][d] += (np.where(e["delay"] == d, held[0], 0)[:, src].sum(axis=1)) >> shift
                else:
                    st["buf"][0] += held[0][:, src].sum(axis=1) >> shift
                if len(held) > 1:
                    st["rec"] = held[1][:, s].sum(axis=1) >> shift
            for k in np.flatnonzero(s):
                out[b].append((t, int(k)))
            src = s
        voltages.append([st["lif"].v.copy() for st in state])
    return out, voltages


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--run", help="input spikes, CSV step,neuron")
    ap.add_argument("--steps", type=int, default=0)
    ap.add_argument("--out", help="spikes CSV to write (default: stdout)")
    ap.add_argument("--voltage", help="also write every neuron's v per step, as simulate's voltage.csv (step,layer[n],...)")
    args = ap.parse_args()
    with h5py.File(args.file, "r") as f:
        layers, input_shape = build(f)
        names = None
        if "spikeforge" in f:
            rec = json.loads(f["spikeforge"]["compiled_network"][()].decode("utf8"))
            names = [l["name"] for l in rec["layers"]]
    if not args.run:
        for layer in summary(layers):
            print(json.dumps(layer))
        return
    spikes = {}
    for line in open(args.run):
        line = line.strip()
        if not line or line.startswith("#") or not line[0].isdigit():
            continue
        t, k = (int(v) for v in line.split(",")[:2])
        spikes.setdefault(t, []).append(k)
    if input_shape is None:
        input_shape = [next(e for e in layers if "weight" in e)["weight"].shape[1]]
    result, voltages = run(layers, input_shape, spikes, args.steps)
    label = [names[b] if names else f"layer{b}" for b in range(len(result))]
    lines = ["step,layer,neuron"]
    rows = []
    for b, events in enumerate(result):
        rows += [(t, label[b], k) for t, k in events]
    lines += [f"{t},{name},{k}" for t, name, k in sorted(rows)]
    text_out = "\n".join(lines) + "\n"
    if args.voltage:
        header = ["step"] + [f"{label[b]}[{n}]" for b in range(len(result)) for n in range(len(voltages[0][b]))] if voltages else ["step"]
        with open(args.voltage, "w") as vf:
            vf.write(",".join(header) + "\n")
            for t, vs in enumerate(voltages):
                vf.write(",".join([str(t)] + [str(int(x)) for v in vs for x in v]) + "\n")
    if args.out:
        open(args.out, "w").write(text_out)
    else:
        sys.stdout.write(text_out)


if __name__ == "__main__":
    main()

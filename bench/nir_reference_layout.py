#!/usr/bin/python3
"""Writes testdata/nir/reference-layout/nested_rnn.nir as NIR's own writer (nir/serialization.py `write`, NIR 1.0.7)
lays a file out, so that Spikeforge's reader is tested on what the reference library writes rather than on what
jhdf writes: every numeric array gzip-compressed, strings variable-length UTF-8 (h5py.string_dtype()), scalars
uncompressed, edges as an [n, 2] array of variable-length strings, and a nested NIRGraph (snnTorch's recurrent
layer: its own Input, CubaLIF, recurrent Linear and Output) reached from outside through the subgraph's name.

Debian: apt-get install python3-h5py; run with /usr/bin/python3 from the repository root.
"""
import pathlib

import h5py
import numpy as np

rng = np.random.default_rng(22)


def group(parent, name, node):
    g = parent.create_group(name)
    for k, v in node.items():
        if isinstance(v, dict) and k == "metadata":
            if v:
                group(g, k, v)
        elif isinstance(v, dict):
            group(g, k, v)
        elif isinstance(v, str):
            g.create_dataset(k, data=v, dtype=h5py.string_dtype())
        elif isinstance(v, np.ndarray) and v.ndim > 0:
            g.create_dataset(k, data=v, dtype=v.dtype, compression="gzip")
        else:
            g.create_dataset(k, data=v)
    return g


def f32(*shape):
    return rng.normal(0, 0.5, shape).astype(np.float32)


n = 4
rnn = {
    "type": "NIRGraph",
    "nodes": {
        "input": {"type": "Input", "shape": np.array([n])},
        "lif": {"type": "CubaLIF", "tau_syn": np.full(n, 2e-3), "tau_mem": np.full(n, 5e-3), "r": np.ones(n), "v_leak": np.zeros(n),
                "v_threshold": np.ones(n), "v_reset": np.zeros(n), "w_in": np.ones(n)},
        "w_rec": {"type": "Linear", "weight": f32(n, n)},
        "output": {"type": "Output", "shape": np.array([n])},
    },
    "edges": [("input", "lif"), ("lif", "w_rec"), ("w_rec", "lif"), ("lif", "output")],
    "metadata": {},
}
top = {
    "type": "NIRGraph",
    "nodes": {
        "input": {"type": "Input", "shape": np.array([3])},
        "fc1": {"type": "Affine", "weight": f32(n, 3), "bias": np.zeros(n, np.float32)},
        "lif1": rnn,
        "fc2": {"type": "Linear", "weight": f32(2, n)},
        "li": {"type": "LI", "tau": np.full(2, 1e-2), "r": np.ones(2), "v_leak": np.zeros(2)},
        "output": {"type": "Output", "shape": np.array([2])},
    },
    "edges": [("input", "fc1"), ("fc1", "lif1"), ("lif1", "fc2"), ("fc2", "li"), ("li", "output")],
    "metadata": {"source": "bench/nir_reference_layout.py"},
}
out = pathlib.Path("testdata/nir/reference-layout/nested_rnn.nir")
out.parent.mkdir(parents=True, exist_ok=True)
with h5py.File(out, "w") as f:
    f.create_dataset("version", data="1.0.7", dtype=h5py.string_dtype())
    group(f, "node", top)
print(out)

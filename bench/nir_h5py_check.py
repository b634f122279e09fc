#!/usr/bin/python3
"""Reads a NIR file with h5py the way NIR's own Python reader does (nir/read.py: node types compared as bytes,
edges as pairs of utf-8 byte strings, parameters read with ds[()]), and prints the graph's node types, parameter
dtypes and shapes, and edges. An independent check (h5py/libhdf5, not jhdf) that files written by
`spikeforge export-nir` follow the layout NIR's reader expects; the `nir` package itself is not installable here.

Debian: apt-get install python3-h5py; run with /usr/bin/python3.
Usage: bench/nir_h5py_check.py FILE.nir
"""
import json
import sys

import h5py
import numpy as np


def walk(node, path):
    t = node["type"][()]
    if not isinstance(t, (bytes, np.bytes_)):
        raise SystemExit(f"{path}/type: NIR's reader compares it with bytes, got {type(t).__name__}")
    out = {"type": t.decode("utf8")}
    if t == b"NIRGraph":
        out["nodes"] = {k: walk(n, f"{path}/nodes/{k}") for k, n in node["nodes"].items()}
        out["edges"] = [(a.decode("utf8"), b.decode("utf8")) for a, b in node["edges"][()]]
        for a, b in out["edges"]:
            for end in (a, b):
                if end.split(".")[0] not in out["nodes"]:
                    raise SystemExit(f"{path}/edges: '{end}' is not a node of this graph")
    else:
        for k in node.keys():
            if k in ("type", "metadata"):
                continue
            v = node[k][()]
            out[k] = [np.asarray(v).dtype.str, list(np.shape(v))]
    return out


with h5py.File(sys.argv[1], "r") as f:
    graph = {"version": f["version"][()].decode("utf8"), "node": walk(f["node"], "node")}
print(json.dumps(graph))

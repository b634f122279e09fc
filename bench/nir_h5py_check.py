#!/usr/bin/python3
"""Reads NIR files with h5py the way NIR's own Python reader does (nir/serialization.py: datasets read with ds[()],
byte strings decoded as UTF-8, node types compared by name, edges as pairs of names), independently of jhdf.

  bench/nir_h5py_check.py FILE.nir         prints the graph's node types, parameter dtypes and shapes, and edges
  bench/nir_h5py_check.py --same A B       exits 0 when NIR's reader would build the same graph from both files

"The same graph" applies the defaults NIR's reader applies when it builds nodes (an absent v_reset is zeros like
v_threshold, an absent w_in ones) and ignores what it recomputes (input_type/output_type groups); parameters must
agree in value, dtype and shape, edges as a multiset of (source, target), metadata by value. The version strings
are printed, not compared: NIR's reader does not keep them in the graph. The `nir` package itself is not
installable here (no PyPI); this follows its reader's source.

Debian: apt-get install python3-h5py; run with /usr/bin/python3.
"""
import json
import sys

import h5py
import numpy as np

DERIVED = ("input_type", "output_type")
SPIKING = (b"IF", b"LIF", b"CubaLIF")


def text(v):
    return v.decode("utf8") if isinstance(v, (bytes, np.bytes_)) else v


def walk(node, path):
    t = node["type"][()]
    if not isinstance(t, (bytes, np.bytes_)):
        raise SystemExit(f"{path}/type: NIR's reader compares it with bytes, got {type(t).__name__}")
    out = {"type": t.decode("utf8")}
    if t == b"NIRGraph":
        out["nodes"] = {k: walk(n, f"{path}/nodes/{k}") for k, n in node["nodes"].items()}
        out["edges"] = [(text(a), text(b)) for a, b in node["edges"][()]]
        for a, b in out["edges"]:
            for end in (a, b):
                if end not in out["nodes"] and end.split(".")[0] not in out["nodes"]:
                    raise SystemExit(f"{path}/edges: '{end}' is not a node of this graph")
    else:
        for k in node.keys():
            if k in ("type", "metadata"):
                continue
            v = node[k][()]
            out[k] = [np.asarray(v).dtype.str, list(np.shape(v))]
    return out


def built(node):
    """The node as NIR's reader builds it: parameters as arrays or strings, defaults filled, derived groups left out."""
    t = node["type"][()]
    if t == b"NIRGraph":
        return {"type": "NIRGraph", "nodes": {k: built(n) for k, n in node["nodes"].items()},
                "edges": sorted((text(a), text(b)) for a, b in node["edges"][()]), "metadata": metadata(node)}
    params = {}
    for k, v in node.items():
        if k in ("type", "metadata") or k in DERIVED:
            continue
        params[k] = text(v[()])
    if t in SPIKING and "v_reset" not in params:
        params["v_reset"] = np.zeros_like(params["v_threshold"])
    if t in (b"CubaLIF", b"CubaLI") and "w_in" not in params:
        params["w_in"] = np.ones_like(params["v_leak"])
    return {"type": text(t), "params": params, "metadata": metadata(node)}


def metadata(node):
    return {k: text(v[()]) for k, v in node["metadata"].items()} if "metadata" in node else {}


def differences(a, b, path):
    if a["type"] != b["type"]:
        return [f"{path}: type {a['type']} vs {b['type']}"]
    out = []
    if a["type"] == "NIRGraph":
        if set(a["nodes"]) != set(b["nodes"]):
            out.append(f"{path}: nodes {sorted(a['nodes'])} vs {sorted(b['nodes'])}")
        for k in set(a["nodes"]) & set(b["nodes"]):
            out += differences(a["nodes"][k], b["nodes"][k], f"{path}.{k}" if path else k)
        if a["edges"] != b["edges"]:
            out.append(f"{path or '<top>'}: edges {a['edges']} vs {b['edges']}")
    else:
        pa, pb = a["params"], b["params"]
        if set(pa) != set(pb):
            out.append(f"{path}: parameters {sorted(pa)} vs {sorted(pb)}")
        for k in set(pa) & set(pb):
            x, y = pa[k], pb[k]
            if isinstance(x, str) or isinstance(y, str):
                if x != y:
                    out.append(f"{path}.{k}: {x!r} vs {y!r}")
                continue
            x, y = np.asarray(x), np.asarray(y)
            if x.dtype != y.dtype or x.shape != y.shape or not np.array_equal(x, y):
                out.append(f"{path}.{k}: {x.dtype}{list(x.shape)} vs {y.dtype}{list(y.shape)}"
                           + ("" if x.shape != y.shape else f", max |difference| {np.max(np.abs(x.astype(float) - y.astype(float)))}"))
    if set(a["metadata"]) != set(b["metadata"]) or any(not np.array_equal(a["metadata"][k], b["metadata"][k]) for k in a["metadata"]):
        out.append(f"{path or '<top>'}: metadata {a['metadata']} vs {b['metadata']}")
    return out


if len(sys.argv) == 4 and sys.argv[1] == "--same":
    graphs, versions = [], []
    for name in sys.argv[2:]:
        with h5py.File(name, "r") as f:
            versions.append(text(f["version"][()]))
            graphs.append(built(f["node"]))
    diff = differences(graphs[0], graphs[1], "")
    print(f"versions {versions[0]} and {versions[1]}: " + ("the same graph" if not diff else "different graphs"))
    for d in diff:
        print("  " + d)
    sys.exit(1 if diff else 0)

with h5py.File(sys.argv[1], "r") as f:
    graph = {"version": text(f["version"][()]), "node": walk(f["node"], "node")}
print(json.dumps(graph))

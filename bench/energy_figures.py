#!/usr/bin/env python3
"""Prints the markdown tables of docs/energy.md's "Figures" section from the shipped profiles: every figure of every
profile's cost model with its value, range, status and source. Run it after changing a profile and paste the output
over that section (between the BEGIN/END FIGURES markers).

Usage: python3 bench/energy_figures.py [PROFILES_DIR]
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "compiler", "src", "main", "resources", "profiles")
EVENTS = ["synaptic_op_dense", "synaptic_op_sparse", "synaptic_op_conv", "neuron_access", "neuron_update", "spike",
          "message_out", "message_in", "hop_x", "hop_y", "chip_hop", "graded_message", "host_mac"]


def si(x, unit):
    if x == 0:
        return "0"
    for f, p in ((1, ""), (1e-3, "m"), (1e-6, "µ"), (1e-9, "n"), (1e-12, "p"), (1e-15, "f")):
        if abs(x) >= f:
            return f"{x / f:.4g} {p}{unit}"
    return f"{x:.3g} {unit}"


def row(name, fig, unit):
    v, lo, hi = fig.get("value", 0), fig.get("low", 0), fig.get("high", 0)
    rng = "exact" if lo == 0 and hi == 0 else f"[{si(lo, unit)}, {si(hi, unit)}]"
    src = fig.get("source", "").replace("|", "/")
    return f"| {name} | {si(v, unit)} | {rng} | {fig.get('status', 'ASSUMED').lower()} | {src} |"


def main():
    names = [l.strip() for l in open(os.path.join(DIR, "index.txt")) if l.strip() and not l.startswith("#")]
    out = []
    for name in names:
        p = json.load(open(os.path.join(DIR, name + ".json")))
        c = p["cost"]
        pacing = c.get("pacing", "FREE_RUNNING")
        out.append(f"### {name}\n")
        tiles = f"tiles of {p.get('tile_width', 1)} x {p.get('tile_height', 1)} cores" if p.get("tile_width") else "one core per tile"
        out.append(f"{pacing.lower().replace('_', '-')}, static power {c.get('static_scope', 'PER_CHIP').lower().replace('_', ' ')}, {tiles}.\n")
        out.append("| figure | value | range | status | source |\n|---|---|---|---|---|")
        for e in EVENTS:
            ev = c.get(e, {})
            out.append(row(e + ".energy_j", ev.get("energy_j", {}), "J"))
            out.append(row(e + ".latency_s", ev.get("latency_s", {}), "s"))
        out.append(row("static_power_w", c.get("static_power_w", {}), "W"))
        out.append(row("static_energy_per_step_j", c.get("static_energy_per_step_j", {}), "J"))
        if pacing == "PACED":
            out.append(row("step_period_s", c.get("step_period_s", {}), "s"))
        for s in c.get("sync", []):
            out.append(row(f"sync, {s['tiles']}+ tiles", s["seconds"], "s"))
        for n in c.get("notes", []):
            out.append(f"\nNote: {n}")
        out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main()

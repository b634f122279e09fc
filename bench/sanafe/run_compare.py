#!/usr/bin/env python3
"""Run the generated networks in Spikeforge and in a SANA-FE build, check the spikes agree one for one, and collect
SANA-FE's energy / latency figures next to Spikeforge's (bench/sanafe/README.md).

SANA-FE is not built or fetched here: pass the path of its standalone `sim` binary and of its arch/loihi.yaml.
Writes results.json (every number) and results.md (tables) in bench/sanafe unless told otherwise.
"""
import argparse
import csv
import json
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import gen_networks  # noqa: E402
import to_sanafe  # noqa: E402

SPIKEFORGE = os.path.join(ROOT, "bin", "spikeforge")


# ---------------------------------------------------------------- SANA-FE's arch figures (read from loihi.yaml)
def unit_attr(arch_text, unit, attr):
    """attr of the hardware unit named `unit` (first block '- name: unit' ... up to the next '- name:')."""
    m = re.search(r"-\s*name:\s*" + re.escape(unit) + r"(?=\s)(.*?)(?=\n\s*-\s*name:|\Z)", arch_text, re.S)
    if not m:
        raise SystemExit(f"arch: unit {unit} not found")
    a = re.search(r"\b" + attr + r":\s*([-+0-9.eE]+)", m.group(1))
    if not a:
        raise SystemExit(f"arch: {unit}.{attr} not found")
    return float(a.group(1))


def arch_figures(path):
    t = open(path).read()
    tile = "loihi_tile[0..31]"
    sync = re.search(r"^\s*latency_sync:\s*\{([^}]*)\}", t, re.M)
    table = {}
    if sync:
        for k, v in re.findall(r"(\d+)\s*:\s*([-+0-9.eE]+)", sync.group(1)):
            table[int(k)] = float(v)
    return {
        "synapse_j": unit_attr(t, "loihi_dense_synapse", "energy_process_spike"),
        "soma_access_j": unit_attr(t, "loihi_lif", "energy_access_neuron"),
        "soma_update_j": unit_attr(t, "loihi_lif", "energy_update_neuron"),
        "soma_spike_out_j": unit_attr(t, "loihi_lif", "energy_spike_out"),
        "message_out_j": unit_attr(t, "loihi_out", "energy_message_out"),
        "message_in_j": unit_attr(t, "loihi_in", "energy_message_in"),
        "east_hop_j": unit_attr(t, tile, "energy_east_hop"),
        "west_hop_j": unit_attr(t, tile, "energy_west_hop"),
        "north_hop_j": unit_attr(t, tile, "energy_north_hop"),
        "south_hop_j": unit_attr(t, tile, "energy_south_hop"),
        "tile_height": int(re.search(r"^\s*height:\s*(\d+)", t, re.M).group(1)),
        "sync_table_s": table,
    }


def sync_delay(table, tiles):
    """SANA-FE's LookupTable::get: the value of the largest key <= tiles (the first value below every key)."""
    keys = sorted(table)
    below = [k for k in keys if k <= tiles]
    return table[below[-1]] if below else table[keys[0]]


# ---------------------------------------------------------------- parsing SANA-FE's outputs
def read_summary(path):
    """run_summary.yaml; parsed by hand: SANA-FE writes 'synapse:4.5e-05' (no space), which YAML reads as a string."""
    out, section = {}, None
    for line in open(path):
        if not line.strip():
            continue
        m = re.match(r"^(\s*)([a-z_]+):\s*(.*)$", line.rstrip())
        if not m:
            continue
        indent, key, val = m.groups()
        if not indent:
            section = key if val == "" else None
        full = f"{section}.{key}" if indent and section else key
        val = val.strip().strip("'")
        try:
            out[full] = int(val)
        except ValueError:
            try:
                out[full] = float(val)
            except ValueError:
                out[full] = val
    return out


def read_perf(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return [{k: float(v) for k, v in r.items() if k} for r in rows]


def tile_xy(hw, tile_h):
    tile = int(hw.split(".")[0])
    return tile // tile_h, tile % tile_h


def read_messages(path, fig):
    """Per-message network energy from the message trace, split into the input neurons' messages and the rest."""
    acc = {k: {"messages": 0, "hops": 0, "ew_hops": 0, "ns_hops": 0, "synapse_events": 0}
           for k in ("input", "neurons")}
    with open(path) as f:
        for r in csv.DictReader(f):
            if r["dest_hw"] == "x.x":  # placeholder for processing after the last message, no network traffic
                continue
            k = "input" if r["src_neuron"].startswith("in.") else "neurons"
            sx, sy = tile_xy(r["src_hw"], fig["tile_height"])
            dx, dy = tile_xy(r["dest_hw"], fig["tile_height"])
            a = acc[k]
            a["messages"] += 1
            a["hops"] += int(r["hops"])
            a["ew_hops"] += abs(sx - dx)
            a["ns_hops"] += abs(sy - dy)
            a["synapse_events"] += int(r["spikes"])
            assert abs(sx - dx) + abs(sy - dy) == int(r["hops"])
    for a in acc.values():
        # loihi.yaml has equal east/west and equal north/south figures, so the direction does not matter
        a["message_out_j"] = a["messages"] * fig["message_out_j"]
        a["message_in_j"] = a["messages"] * fig["message_in_j"]
        a["hop_j"] = a["ew_hops"] * fig["east_hop_j"] + a["ns_hops"] * fig["north_hop_j"]
        a["network_j"] = a["message_out_j"] + a["message_in_j"] + a["hop_j"]
        a["synapse_j"] = a["synapse_events"] * fig["synapse_j"]
        a["total_j"] = a["network_j"] + a["synapse_j"]
    return acc


def read_sanafe_spikes(path):
    """SANA-FE spikes.csv ('group.neuron,timestep') -> {(group, neuron, spikeforge step)}."""
    out = set()
    with open(path) as f:
        next(f)
        for line in f:
            nid, ts = line.strip().split(",")
            g, n = nid.rsplit(".", 1)
            out.add((g, int(n), int(ts) - 1))
    return out


def read_spikeforge_spikes(path, names):
    out = set()
    with open(path) as f:
        next(f)
        for line in f:
            t, layer, n = line.strip().split(",")
            out.add((names[layer], int(n), int(t)))
    return out


def read_input_spikes(path, steps):
    out = set()
    for line in open(path):
        line = line.strip()
        if line and not line.startswith("step"):
            t, n = (int(v) for v in line.split(",")[:2])
            if t < steps:
                out.add(("in", n, t))
    return out


# ---------------------------------------------------------------- runs
def run(cmd, log):
    with open(log, "w") as f:
        r = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        raise SystemExit(f"failed ({r.returncode}): {' '.join(cmd)}; see {log}")


def spikeforge(name, out_dir, steps):
    net = os.path.join(out_dir, name + ".json")
    rec = os.path.join(out_dir, "sf_" + name)
    log = os.path.join(out_dir, "sf_" + name + ".txt")
    run([SPIKEFORGE, "simulate", net, "--input", os.path.join(out_dir, name + "_input.csv"), "--steps", str(steps),
         "--json", "--record", "spikes", "--out", rec], log)
    last = open(log).read().strip().splitlines()[-1]
    d = json.loads(last)
    d.pop("output_spikes", None)
    return d, os.path.join(rec, "spikes.csv")


def sanafe(sim, arch, yaml_path, steps, timing, run_dir):
    os.makedirs(run_dir, exist_ok=True)
    # -s turns on the spike trace and, in this SANA-FE main.cpp, the perf, message and potential traces too
    # (-p alone opens no perf trace); -N 1: one processing thread
    cmd = [sim, "-s", "-N", "1", "-t", timing, "-o", run_dir, arch, yaml_path, str(steps)]
    run(cmd, os.path.join(run_dir, "log.txt"))
    return cmd


def stats(values):
    return {"min": min(values), "mean": statistics.fmean(values), "max": max(values)}


def analyse_sanafe(run_dir, fig, n_lif, input_spikes, steps):
    s = read_summary(os.path.join(run_dir, "run_summary.yaml"))
    perf = read_perf(os.path.join(run_dir, "perf.csv"))
    msgs = read_messages(os.path.join(run_dir, "messages.csv"), fig)
    step_t = [r["sim_time"] for r in perf]
    fired_lif = s["total_neurons_fired"] - input_spikes  # input neurons that spike count as fired and updated
    updated_lif = s["total_neurons_updated"] - input_spikes
    soma = {
        "access_j": n_lif * steps * fig["soma_access_j"],  # every mapped LIF neuron, every step
        "update_j": updated_lif * fig["soma_update_j"],
        "spike_out_j": fired_lif * fig["soma_spike_out_j"],
    }
    soma["sum_j"] = sum(soma.values())
    net_sum = msgs["input"]["network_j"] + msgs["neurons"]["network_j"]
    syn_sum = msgs["input"]["synapse_j"] + msgs["neurons"]["synapse_j"]
    e = {k: s["energy." + k] for k in ("synapse", "dendrite", "soma", "network", "total")}
    return {
        "run_summary": s,
        "energy_j": e,
        "counts": {
            "synapse_events (total_spikes)": s["total_spikes"],
            "messages (total_messages_sent)": s["total_messages_sent"],
            "neurons_updated (incl. input neurons that spiked)": s["total_neurons_updated"],
            "neurons_fired (incl. input spikes)": s["total_neurons_fired"],
            "lif_neurons_updated": updated_lif,
            "lif_neurons_fired": fired_lif,
            "hops (perf trace)": int(sum(r["hops"] for r in perf)),
            "packets (perf trace)": int(sum(r["packets"] for r in perf)),
        },
        "sim_time_s": s["sim_time"],
        "step_sim_time_s": stats(step_t),
        "step_sim_time_trace_s": step_t,
        "input_neurons": msgs["input"],
        "layer_neurons_messages": msgs["neurons"],
        "soma_breakdown_j": soma,
        "checks": {
            "soma_breakdown_vs_summary": soma["sum_j"] / e["soma"] if e["soma"] else None,
            "network_from_messages_vs_summary": net_sum / e["network"] if e["network"] else None,
            "synapse_from_messages_vs_summary": syn_sum / e["synapse"] if e["synapse"] else None,
            "perf_steps_sum_vs_summary_total": sum(r["total_energy"] for r in perf) / e["total"],
            "perf_sim_time_sum_vs_summary": sum(step_t) / s["sim_time"],
            "synapse_events_vs_messages_trace": (msgs["input"]["synapse_events"] + msgs["neurons"]["synapse_events"])
            / s["total_spikes"],
        },
    }


def git_head(path):
    try:
        return subprocess.run(["git", "-C", os.path.dirname(path), "rev-parse", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (subprocess.CalledProcessError, FileNotFoundError):
        return None


def uj(x):
    return f"{x * 1e6:.4f}"


def us(x):
    return f"{x * 1e6:.3f}"


def write_markdown(results, path):
    checks = [n for n in results["networks"] if n.get("extra_converter_check")]
    nets = [n for n in results["networks"] if not n.get("extra_converter_check")]
    head = "| | " + " | ".join(n["name"] for n in nets) + " |\n|---|" + "---|" * len(nets) + "\n"
    lines = ["# SANA-FE vs Spikeforge: results\n",
             f"SANA-FE commit {results['sanafe_commit']}, arch/{results['arch']} unchanged; Spikeforge commit "
             f"{results['spikeforge_commit']} (generated by run_compare.py; bench/sanafe/README.md says how). "
             "Energies in µJ, times in µs.\n"]

    def row(label, f):
        lines.append(f"| {label} | " + " | ".join(f(n) for n in nets) + " |\n")

    lines.append("\n## Networks\n\n" + head)
    row("layers", lambda n: "-".join(str(s) for s in n["sizes"]))
    row("steps / input rate", lambda n: f"{n['steps']} / {n['input_rate']}")
    row("cores: Spikeforge (x,y) -> SANA-FE tile.core",
        lambda n: ", ".join(f"({c['spikeforge_xy'][0]},{c['spikeforge_xy'][1]})->{c['sanafe_core']}" for c in n["cores"]))
    row("input neurons on", lambda n: n["input_core"])
    row("thresholds (vth_mant)", lambda n: ", ".join(f"{k} {v}" for k, v in n["thresholds"].items()))
    row("firing rate per layer", lambda n: ", ".join(f"{k} {v:.3f}" for k, v in n["layer_rates"].items()))
    row("synapses (non-zero)", lambda n: str(n["synapses"]))

    first = results["timing_models"][0]
    lines.append("\n## Spike-for-spike check\n\n" + head)
    for t in results["timing_models"]:
        row(f"{t}: neuron spikes equal", lambda n, t=t: f"{n['sanafe'][t]['spike_check']['neuron_spikes_equal']} "
            f"({n['sanafe'][t]['spike_check']['spikeforge_neuron_spikes']})")
        row(f"{t}: input spikes equal", lambda n, t=t: f"{n['sanafe'][t]['spike_check']['sanafe_input_spikes_equal']} "
            f"({n['sanafe'][t]['spike_check']['input_spikes']})")

    lines.append(f"\n## SANA-FE energy (identical under every timing model)\n\n" + head)
    for k in ("synapse", "dendrite", "soma", "network", "total"):
        row(f"{k}", lambda n, k=k: uj(n["sanafe"][first]["energy_j"][k]))
    row("soma: access (every LIF neuron, every step)", lambda n: uj(n["sanafe"][first]["soma_breakdown_j"]["access_j"]))
    row("soma: update", lambda n: uj(n["sanafe"][first]["soma_breakdown_j"]["update_j"]))
    row("soma: spike out", lambda n: uj(n["sanafe"][first]["soma_breakdown_j"]["spike_out_j"]))
    row("network: message out (all)", lambda n: uj(n["sanafe"][first]["input_neurons"]["message_out_j"]
                                                   + n["sanafe"][first]["layer_neurons_messages"]["message_out_j"]))
    row("network: hops (all)", lambda n: uj(n["sanafe"][first]["input_neurons"]["hop_j"]
                                            + n["sanafe"][first]["layer_neurons_messages"]["hop_j"]))
    row("input neurons: messages / hops", lambda n: f"{n['sanafe'][first]['input_neurons']['messages']} / "
        f"{n['sanafe'][first]['input_neurons']['hops']}")
    row("input neurons: message-out energy", lambda n: uj(n["sanafe"][first]["input_neurons"]["message_out_j"]))
    row("input neurons: hop energy", lambda n: uj(n["sanafe"][first]["input_neurons"]["hop_j"]))
    row("input neurons: synapse energy of their spikes", lambda n: uj(n["sanafe"][first]["input_neurons"]["synapse_j"]))
    row("layer neurons: messages / hops", lambda n: f"{n['sanafe'][first]['layer_neurons_messages']['messages']} / "
        f"{n['sanafe'][first]['layer_neurons_messages']['hops']}")
    row("layer neurons: network energy", lambda n: uj(n["sanafe"][first]["layer_neurons_messages"]["network_j"]))

    lines.append("\n## SANA-FE counts\n\n" + head)
    for k in nets[0]["sanafe"][first]["counts"]:
        row(k, lambda n, k=k: str(n["sanafe"][first]["counts"][k]))

    lines.append("\n## SANA-FE time\n\n" + head)
    row("mapped tiles / sync delay (µs)", lambda n: f"{n['mapped_tiles']} / {us(n['sync_delay_s'])}")
    for t in results["timing_models"]:
        row(f"{t}: total sim_time", lambda n, t=t: us(n["sanafe"][t]["sim_time_s"]))
        row(f"{t}: step min / mean / max", lambda n, t=t: " / ".join(
            us(n["sanafe"][t]["step_sim_time_s"][q]) for q in ("min", "mean", "max")))

    lines.append("\n## Spikeforge (`simulate --json`, loihi1 profile)\n\n" + head)
    for k in ("synaptic_ops", "spike_count", "input_spikes", "neuron_updates", "hops"):
        row(k, lambda n, k=k: str(n["spikeforge"][k]))
    for k in ("neuron_accesses", "messages", "chip_hops"):
        row(k, lambda n, k=k: str(n["spikeforge"]["energy"][k]))
    for k in ("synaptic_j", "neuron_access_j", "neuron_update_j", "spike_j", "message_j", "hop_j", "dynamic_j", "static_j"):
        row(k, lambda n, k=k: uj(n["spikeforge"]["energy"][k]))
    row("input_hop_j (host input messages sent and their hops; part of the above)", lambda n: uj(n["spikeforge"]["input_hop_j"]))
    row("energy_j (total) [band]", lambda n: f"{uj(n['spikeforge']['energy_j'])} [{uj(n['spikeforge']['energy_band_j'][0])}, "
        f"{uj(n['spikeforge']['energy_band_j'][1])}]")
    row("chip time (latency_s) [band]", lambda n: f"{us(n['spikeforge']['latency_s'])} [{us(n['spikeforge']['latency_band_s'][0])}, "
        f"{us(n['spikeforge']['latency_band_s'][1])}]")
    row("step min / mean / max", lambda n: " / ".join(us(n["spikeforge"]["step_time_s"][q]) for q in ("min", "mean", "max")))
    row("bottleneck (core, layer, steps)", lambda n: f"{n['spikeforge']['bottleneck']['core']}, {n['spikeforge']['bottleneck']['layer']}, "
        f"{n['spikeforge']['bottleneck']['steps']}")

    lines.append("\n## Spikeforge against SANA-FE (targets: dynamic energy within 15 %, mean step time within 25 %)\n\n" + head)
    row("dynamic energy, Spikeforge / SANA-FE total", lambda n: ratio(n["spikeforge"]["energy"]["dynamic_j"], n["sanafe"][first]["energy_j"]["total"]))
    for t in results["timing_models"]:
        row(f"mean step time, Spikeforge / SANA-FE {t}", lambda n, t=t: ratio(n["spikeforge"]["step_time_s"]["mean"],
                                                                              n["sanafe"][t]["step_sim_time_s"]["mean"]))
    for n in checks:
        lines.append(f"\n## Converter check: {n['name']}\n\n{'-'.join(str(s) for s in n['sizes'])}, "
                     f"{json.dumps(n['neuron'])}.\n")
        for t, a in n["sanafe"].items():
            c = a["spike_check"]
            lines.append(f"- {t}: neuron spikes equal {c['neuron_spikes_equal']} ({c['spikeforge_neuron_spikes']}), "
                         f"input spikes equal {c['sanafe_input_spikes_equal']} ({c['input_spikes']}); "
                         f"neuron updates: Spikeforge {n['spikeforge']['neuron_updates']}, SANA-FE "
                         f"{a['counts']['lif_neurons_updated']}\n")
    with open(path, "w") as f:
        f.write("".join(lines))


def ratio(a, b):
    return f"{a / b:.3f}" if b else "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sim", required=True, help="SANA-FE's standalone binary (its build's `sim`)")
    ap.add_argument("--arch", required=True, help="SANA-FE's arch/loihi.yaml")
    ap.add_argument("--sanafe-commit", help="SANA-FE commit the binary was built from (recorded in results)")
    ap.add_argument("--work", default=os.path.join(HERE, "out", "sanafe"), help="SANA-FE inputs and outputs")
    ap.add_argument("--out", default=os.path.join(HERE, "out"), help="generated networks and Spikeforge runs")
    ap.add_argument("--timing", nargs="+", default=["detailed", "simple"],
                    help="SANA-FE timing models (-t); 'detailed' is SANA-FE's default")
    ap.add_argument("--only", help="one network")
    ap.add_argument("--results", default=os.path.join(HERE, "results.json"))
    ap.add_argument("--markdown", default=os.path.join(HERE, "results.md"))
    ap.add_argument("--report-only", action="store_true", help="only re-render --markdown from --results")
    args = ap.parse_args()
    if args.report_only:
        write_markdown(json.load(open(args.results)), args.markdown)
        return

    fig = arch_figures(args.arch)
    os.makedirs(args.work, exist_ok=True)
    subprocess.run([sys.executable, os.path.join(HERE, "gen_networks.py"), "--out", args.out], check=True)

    results = {"sanafe_commit": args.sanafe_commit, "arch": os.path.basename(args.arch), "arch_figures": fig,
               "spikeforge_commit": git_head(os.path.join(ROOT, ".git")), "timing_models": args.timing,
               "networks": []}
    for spec in gen_networks.NETWORKS:
        name = spec["name"]
        if args.only and name != args.only:
            continue
        steps = spec["steps"]
        print(f"== {name}", file=sys.stderr)
        netj = json.load(open(os.path.join(args.out, name + ".json")))
        ref = json.load(open(os.path.join(args.out, name + "_ref.json")))
        sf, sf_spikes_path = spikeforge(name, args.out, steps)

        yaml_path = os.path.join(args.work, name + ".yaml")
        text, conv = to_sanafe.convert(netj, os.path.join(args.out, name + "_input.csv"), steps, "0.0", True)
        with open(yaml_path, "w") as f:
            f.write(text)
        names = {v: k for k, v in conv["groups"].items() if k != "in"}
        n_lif = sum(l["size"] for l in netj["layers"])
        tiles = {int(a.split(".")[0]) for a in conv["cores"].values()} | {int(conv["input_core"].split(".")[0])}
        entry = {
            "name": name, "extra_converter_check": bool(spec.get("extra")), "steps": steps, "sizes": spec["sizes"], "input_rate": spec["input_rate"],
            "neurons_per_core_cap": spec["cap"], "placement": spec["placement"], "seed": spec["seed"],
            "thresholds": {l["name"]: l["vth_mant"] for l in ref["layers"]},
            "neuron": {l["name"]: l["neuron"] | ({"vth_mants": "per neuron"} if l.get("vth_mants") else {})
                       for l in netj["layers"]},
            "layer_rates": {l["name"]: l["rate"] for l in ref["layers"]},
            "synapses": conv["synapses"],
            "cores": [{"id": c["id"], "layer": netj["layers"][c["layer"]]["name"], "neurons": [c["neuron_begin"],
                       c["neuron_end"]], "spikeforge_xy": [c["x"], c["y"]], "sanafe_core": conv["cores"][str(c["id"])]}
                      for c in netj["cores"]],
            "input_core": conv["input_core"],
            "mapped_tiles": len(tiles),
            "sync_delay_s": sync_delay(fig["sync_table_s"], len(tiles)),
            "spikeforge": {k: sf[k] for k in ("steps", "spike_count", "input_spikes", "synaptic_ops", "neuron_updates",
                                              "hops", "energy_j", "energy", "input_hop_j", "energy_band_j", "latency_s",
                                              "latency_band_s", "step_time_s", "bottleneck")},
            "spikeforge_per_layer": sf["energy_per_layer"],
            "numpy_reference": ref,
            "sanafe": {},
        }
        input_spikes = read_input_spikes(os.path.join(args.out, name + "_input.csv"), steps)
        sf_spikes = read_spikeforge_spikes(sf_spikes_path, names)
        for timing in args.timing:
            run_dir = os.path.join(args.work, f"{name}_{timing}")
            cmd = sanafe(args.sim, args.arch, yaml_path, steps, timing, run_dir)
            a = analyse_sanafe(run_dir, fig, n_lif, len(input_spikes), steps)
            a["command"] = " ".join(cmd)
            sn = read_sanafe_spikes(os.path.join(run_dir, "spikes.csv"))
            sn_in = {s for s in sn if s[0] == "in"}
            sn_lif = sn - sn_in
            a["spike_check"] = {
                "spikeforge_neuron_spikes": len(sf_spikes),
                "sanafe_neuron_spikes": len(sn_lif),
                "neuron_spikes_equal": sn_lif == sf_spikes,
                "only_in_spikeforge": len(sf_spikes - sn_lif),
                "only_in_sanafe": len(sn_lif - sf_spikes),
                "input_spikes": len(input_spikes),
                "sanafe_input_spikes_equal": sn_in == input_spikes,
                "first_differences": sorted((sf_spikes ^ sn_lif), key=lambda s: s[2])[:5],
            }
            entry["sanafe"][timing] = a
            c = a["spike_check"]
            print(f"   {timing}: spikes equal {c['neuron_spikes_equal']} ({c['spikeforge_neuron_spikes']} neuron spikes, "
                  f"{c['input_spikes']} input spikes equal {c['sanafe_input_spikes_equal']}); "
                  f"energy {a['energy_j']}; sim_time {a['sim_time_s']:.4e}", file=sys.stderr)
        results["networks"].append(entry)

    with open(args.results, "w") as f:
        json.dump(results, f, indent=1, default=lambda o: list(o) if isinstance(o, tuple) else str(o))
    write_markdown(results, args.markdown)
    print(f"wrote {args.results} and {args.markdown}", file=sys.stderr)
    ok = all(t["spike_check"]["neuron_spikes_equal"] and t["spike_check"]["sanafe_input_spikes_equal"]
             for n in results["networks"] for t in n["sanafe"].values())
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

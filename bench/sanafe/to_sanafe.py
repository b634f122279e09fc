#!/usr/bin/env python3
"""Convert a Spikeforge compiled network (JSON form, docs/compiled-network.md) and an input spike file ('step,neuron'
lines) into a SANA-FE SNN description (YAML: network + mappings) for SANA-FE's arch/loihi.yaml, unchanged.

Mapping (bench/sanafe/README.md says why):
- Spikeforge core (x, y) on the 8 x 16 core mesh -> SANA-FE tile (x, y // 4), core offset y % 4; SANA-FE numbers
  tiles x * 4 + y_tile (arch.cpp: x = id / height), so the core address is "x*4 + y//4 . y%4".
- The input axons become SANA-FE input neurons (group 'in', soma unit loihi_inputs[k] for axon k: SANA-FE's input
  model keeps one spike train per soma unit, so each axon needs a unit of its own; a core has 1024) on the core given
  by --input-core (default tile 0 core 0, i.e. Spikeforge mesh slot (0, 0), which is where Spikeforge's hop model
  lets host input enter). A network with a core on that slot is refused rather than silently shifted.
- Each layer becomes a group named after it (non-alphanumerics -> '_', 'L' prefixed when it does not start with a
  letter) of loihi_lif neurons: threshold = vth_mant (Spikeforge spikes when
  v > vth_mant << 6 with v = sum of weights << 6, i.e. when the weight-unit sum exceeds vth_mant), reset 0 with
  reset_mode hard (RESET_TO_ZERO) or soft (RESET_BY_SUBTRACTION), leak_decay 1 and input_decay 0 (dv = 0 and
  INTEGRATE_AND_FIRE / du = 4095: no leak, no current memory), bias 0. Synapses go to loihi_dense_synapse, dendrites to
  loihi_dendrites (the plain accumulator).
- Only non-zero weights become SANA-FE synapses (Spikeforge: 0 = no synapse). A layer whose weight matrix has no zero
  is written as a 'dense' hyperedge (SANA-FE lists dense weights source-major: index = source * size + target),
  otherwise as a 'sparse' one with source_target_pairs.
- Delay: Spikeforge step t is SANA-FE timestep t + 1. Input neuron k's spike list has entry t set when axon k spikes
  on step t, so SANA-FE's input fires on timestep t + 1; its message is processed in that timestep and the target
  soma (buffer_position: soma) integrates it on timestep t + 2, which is Spikeforge's "arrives on step t + 1".
  Run SANA-FE for the same number of timesteps as Spikeforge's steps.

Refused (no exact SANA-FE equivalent in this converter): CUBA_LIF other than du = 4095 / dv = 0, SHIFT_LIF, biases,
refractory periods, axon delays, recurrent weights, readout layers, weight_exp != 0, more than one chip.
SANA-FE does not clip the potential to 24 bits as Spikeforge does: keep |v| below 2^23 / 64 (gen_networks.py checks).
"""
import argparse
import json
import sys

MESH_W, MESH_H = 8, 16
TILE_H = 4          # loihi.yaml: 8 x 4 tiles of 4 cores
CORES_PER_TILE = 4
MAX_INPUT_UNITS = 1024  # loihi_inputs[0..1023] per core
SYNAPSE_HW = "loihi_dense_synapse"
DENDRITE_HW = "loihi_dendrites"
SOMA_HW = "loihi_lif"


def fail(msg):
    raise SystemExit("to_sanafe: " + msg)


def core_address(x, y):
    """Spikeforge mesh (x, y) -> SANA-FE 'tile.core'."""
    return f"{x * TILE_H + y // CORES_PER_TILE}.{y % CORES_PER_TILE}"


def field(d, snake, default=None):
    """A field of the protobuf JSON mapping, in snake_case or lowerCamelCase."""
    if snake in d:
        return d[snake]
    parts = snake.split("_")
    camel = parts[0] + "".join(p.title() for p in parts[1:])
    return d.get(camel, default)


def layer_matrix(layer):
    """Non-zero synapses of a layer as {source: [(target, weight), ...]} and whether the matrix has no zero."""
    size, fan_in = layer["size"], field(layer, "fan_in")
    by_source = [[] for _ in range(fan_in)]
    weights = field(layer, "weights", [])
    sparse = field(layer, "sparse_weights")
    if weights and sparse:
        fail(f"layer {layer['name']}: both weights and sparse_weights")
    if weights:
        if len(weights) != size * fan_in:
            fail(f"layer {layer['name']}: {len(weights)} weights, expected size x fan_in = {size * fan_in}")
        for n in range(size):
            row = weights[n * fan_in:(n + 1) * fan_in]
            for i, w in enumerate(row):
                if w != 0:
                    by_source[i].append((n, int(w)))
    elif sparse:
        start = field(sparse, "source_start")
        target = field(sparse, "target", [])
        weight = field(sparse, "weight", [])
        if len(start) != fan_in + 1:
            fail(f"layer {layer['name']}: source_start has {len(start)} entries, expected fan_in + 1")
        for i in range(fan_in):
            for k in range(start[i], start[i + 1]):
                if weight[k] != 0:
                    by_source[i].append((int(target[k]), int(weight[k])))
    full = all(len(s) == size for s in by_source)
    return by_source, full


def check_layer(layer):
    name = layer["name"]
    nr = layer.get("neuron", {})
    model = nr.get("model", "CUBA_LIF")
    if model == "CUBA_LIF":
        if nr.get("du", 0) != 4095 or nr.get("dv", 0) != 0:
            fail(f"layer {name}: CUBA_LIF is converted only with du = 4095 and dv = 0 (no current memory, no leak)")
    elif model != "INTEGRATE_AND_FIRE":
        fail(f"layer {name}: model {model} not supported")
    if nr.get("readout"):
        fail(f"layer {name}: readout layers are not supported")
    if field(nr, "refractory_steps", 0):
        fail(f"layer {name}: refractory periods are not supported")
    if field(layer, "axon_delay", 0):
        fail(f"layer {name}: axon_delay is not supported")
    if field(layer, "recurrent_weights") or field(layer, "sparse_recurrent_weights"):
        fail(f"layer {name}: recurrent weights are not supported")
    if field(layer, "weight_exp", 0) != 0:
        fail(f"layer {name}: weight_exp must be 0")
    if any(b != 0 for b in field(layer, "bias_mant", []) or []):
        fail(f"layer {name}: biases are not supported")
    reset = nr.get("reset", "RESET_TO_ZERO")
    if reset not in ("RESET_TO_ZERO", "RESET_BY_SUBTRACTION"):
        fail(f"layer {name}: reset {reset}")
    return "hard" if reset == "RESET_TO_ZERO" else "soft"


def read_input(path, input_size, steps):
    trains = [[0] * steps for _ in range(input_size)]
    count = 0
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("step"):
                continue
            if line.startswith("{"):
                o = json.loads(line)
                t, n = int(o["step"]), int(o["neuron"])
            else:
                t, n = (int(v) for v in line.split(",")[:2])
            if not 0 <= n < input_size:
                fail(f"input neuron {n} outside 0 .. {input_size - 1}")
            if t < steps:
                if not trains[n][t]:
                    count += 1
                trains[n][t] = 1
    return trains, count


def flow_list(values, per_line=40, indent="        "):
    """A YAML flow sequence, wrapped so no line gets huge."""
    chunks = [", ".join(str(v) for v in values[i:i + per_line]) for i in range(0, len(values), per_line)]
    return "[" + (",\n" + indent).join(chunks) + "]"


def convert(net, input_path, steps, input_core, log_input_spikes):
    chips = {field(c, "chip", 0) for c in net["cores"]}
    if chips - {0}:
        fail("only single-chip networks (all cores on chip 0)")
    layers = net["layers"]
    input_size = field(net, "input_size")
    if input_size > MAX_INPUT_UNITS:
        fail(f"{input_size} input axons, one SANA-FE core has {MAX_INPUT_UNITS} input soma units")

    # group names: the layer names, made safe for SANA-FE's 'group.neuron' syntax
    names = []
    for layer in layers:
        n = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in layer["name"])
        if not n or not n[0].isalpha():
            n = "L" + n
        if n in names or n == "in":
            n = f"{n}_{len(names)}"
        names.append(n)

    used = {}
    for c in net["cores"]:
        x, y = field(c, "x", 0), field(c, "y", 0)
        if not (0 <= x < MESH_W and 0 <= y < MESH_H):
            fail(f"core {c['id']} at ({x}, {y}) is off the 8 x 16 mesh")
        if (x, y) in used:
            fail(f"cores {used[(x, y)]} and {c['id']} share mesh slot ({x}, {y})")
        used[(x, y)] = c["id"]
        if core_address(x, y) == input_core:
            fail(f"core {c['id']} sits on ({x}, {y}) = SANA-FE core {input_core}, reserved for the input neurons")
        size = field(c, "neuron_end", 0) - field(c, "neuron_begin", 0)
        if size > 1024:
            fail(f"core {c['id']} holds {size} neurons, a Loihi core has 1024")

    trains, n_input_spikes = read_input(input_path, input_size, steps)

    out = []
    w = out.append
    w(f"# Converted by bench/sanafe/to_sanafe.py from Spikeforge network '{net.get('name', '')}'\n")
    w(f"# {input_size} input neurons on core {input_core}, {n_input_spikes} input spikes over {steps} steps;\n")
    w("# Spikeforge step t = SANA-FE timestep t + 1.\n")
    w("network:\n")
    w(f"  name: {json.dumps(net.get('name', 'spikeforge'))}\n")
    w("  groups:\n")
    w("    - name: in\n")
    w(f"      attributes: {{log_spikes: {'true' if log_input_spikes else 'false'}}}\n")
    w("      neurons:\n")
    for k in range(input_size):
        w(f"        - {k}: {{spikes: {flow_list(trains[k], per_line=64, indent='            ')}}}\n")
    for li, layer in enumerate(layers):
        mode = check_layer(layer)
        nr = layer.get("neuron", {})
        vths = field(layer, "vth_mants", []) or []
        vth = field(nr, "vth_mant", 0)
        soma = f"threshold: {vth}.0, reset: 0.0, reset_mode: {mode}, leak_decay: 1.0, input_decay: 0.0, bias: 0.0"
        w(f"    - name: {names[li]}\n")
        w(f"      attributes: {{log_spikes: true, soma: {{{soma}}}}}\n")
        w("      neurons:\n")
        if vths:
            if len(vths) != layer["size"]:
                fail(f"layer {layer['name']}: vth_mants has {len(vths)} entries, size is {layer['size']}")
            for n, t in enumerate(vths):
                w(f"        - {n}: {{soma: {{threshold: {t}.0}}}}\n")
        else:
            w(f"        - 0..{layer['size'] - 1}: []\n")

    w("  edges:\n")
    synapses = 0
    for li, layer in enumerate(layers):
        src = field(layer, "source", 0)
        if src >= li:
            fail(f"layer {layer['name']}: source {src} is not an earlier layer")
        src_name = "in" if src < 0 else names[src]
        by_source, full = layer_matrix(layer)
        if full:
            weights = [wt for s in by_source for _, wt in sorted(s)]
            w(f"    - {src_name} -> {names[li]}:\n")
            w("        type: dense\n")
            w(f"        weight: {flow_list(weights, indent='          ')}\n")
        else:
            pairs = [f"[{s}, {t}]" for s, syn in enumerate(by_source) for t, _ in syn]
            weights = [wt for syn in by_source for _, wt in syn]
            w(f"    - {src_name} -> {names[li]}:\n")
            w("        type: sparse\n")
            w(f"        source_target_pairs: {flow_list(pairs, per_line=16, indent='          ')}\n")
            w(f"        weight: {flow_list(weights, indent='          ')}\n")
        synapses += len(weights)

    w("mappings:\n")
    for k in range(input_size):
        w(f"  - in.{k}: {{core: '{input_core}', soma: 'loihi_inputs[{k}]'}}\n")
    for c in net["cores"]:
        li = field(c, "layer", 0)
        b, e = field(c, "neuron_begin", 0), field(c, "neuron_end", 0)
        addr = core_address(field(c, "x", 0), field(c, "y", 0))
        rng = f"{b}..{e - 1}" if e - 1 > b else f"{b}"
        w(f"  - {names[li]}.{rng}: {{core: '{addr}', soma: {SOMA_HW}, synapse: {SYNAPSE_HW}, "
          f"dendrite: {DENDRITE_HW}}}\n")

    summary = {"input_neurons": input_size, "input_spikes": n_input_spikes, "synapses": synapses,
               "groups": {"in": "input"} | {names[i]: layers[i]["name"] for i in range(len(layers))},
               "cores": {str(c["id"]): core_address(field(c, "x", 0), field(c, "y", 0)) for c in net["cores"]},
               "input_core": input_core}
    return "".join(out), summary


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("network", help="compiled network, JSON form (spikeforge inspect --out / convert)")
    ap.add_argument("input", help="input spikes: 'step,neuron' CSV lines or JSON lines")
    ap.add_argument("--steps", type=int, required=True, help="steps to run (SANA-FE timesteps)")
    ap.add_argument("--out", required=True, help="SANA-FE SNN YAML to write")
    ap.add_argument("--input-core", default="0.0", help="SANA-FE 'tile.core' for the input neurons (default 0.0)")
    ap.add_argument("--no-log-input", action="store_true", help="do not log the input neurons' spikes")
    ap.add_argument("--summary", help="also write a JSON summary of the mapping here")
    args = ap.parse_args()
    with open(args.network) as f:
        net = json.load(f)
    text, summary = convert(net, args.input, args.steps, args.input_core, not args.no_log_input)
    with open(args.out, "w") as f:
        f.write(text)
    if args.summary:
        with open(args.summary, "w") as f:
            json.dump(summary, f, indent=1)
    print(f"to_sanafe: wrote {args.out}: {summary['input_neurons']} input neurons ({summary['input_spikes']} spikes), "
          f"{summary['synapses']} synapses, cores {summary['cores']}", file=sys.stderr)


if __name__ == "__main__":
    main()

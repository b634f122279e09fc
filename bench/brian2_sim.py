#!/usr/bin/python3
"""Brian2 counterpart of `bin/spikeforge bench sim`: the same network shape and input statistics, timed the same way.

N_in Bernoulli spike sources (each spikes on a step with probability --activity) drive N_out current-based LIF
neurons through --fanout random distinct synapses per source with random non-zero integer weights in [-127, 127]
(scaled so the threshold is 1, as Spikeforge's threshold is VTH_MANT = 2000). One step = dt = 1 ms; u and v keep
about 90 % per step (tau = 10 ms), like Spikeforge's du = dv ~ 410/4096. Random draws come from numpy, so the
network is statistically, not bit-for-bit, the same as Spikeforge's.

Generating the network and inputs, and Brian2's code generation and compilation (a warm-up run), are outside the
timed run. An event is one synapse of a spiking source processed. Prints one JSON line.

Run with Debian's Python (python3-brian, cython3):  /usr/bin/python3 bench/brian2_sim.py --target cython
"""
import argparse
import json
import time

import warnings

import numpy as np

warnings.filterwarnings("ignore", category=FutureWarning)  # pythran (pulled in by Brian2) warns about numpy aliases

VTH_MANT = 2000  # Spikeforge's bench threshold mantissa: weights are divided by it so the threshold here is 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n-in", type=int, default=10000)
    ap.add_argument("--n-out", type=int, default=10000)
    ap.add_argument("--fanout", type=int, default=1000)
    ap.add_argument("--activity", type=float, default=0.02)
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--warmup", type=int, default=50, help="untimed steps first (code generation, compilation)")
    ap.add_argument("--target", choices=["cython", "numpy"], default="cython", help="Brian2 code-generation target")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if not 1 <= a.fanout <= a.n_out:
        ap.error("--fanout must be in [1, n-out]")

    import brian2
    from brian2 import (Network, NeuronGroup, SpikeGeneratorGroup, Synapses, defaultclock, ms, prefs)

    prefs.codegen.target = a.target
    defaultclock.dt = 1 * ms
    rng = np.random.default_rng(a.seed)

    t0 = time.perf_counter()
    sources = np.repeat(np.arange(a.n_in, dtype=np.int32), a.fanout)
    targets = np.concatenate([np.sort(rng.choice(a.n_out, a.fanout, replace=False)) for _ in range(a.n_in)]).astype(np.int32)
    weights = rng.integers(-127, 128, size=sources.size)
    weights[weights == 0] = 1

    total_steps = a.warmup + a.steps
    idx, steps = [], []
    for t in range(total_steps):
        on = np.flatnonzero(rng.random(a.n_in) < a.activity).astype(np.int32)
        idx.append(on)
        steps.append(np.full(on.size, t, dtype=np.int32))
    idx = np.concatenate(idx)
    steps = np.concatenate(steps)
    timed_spikes = int(np.count_nonzero(steps >= a.warmup))

    inp = SpikeGeneratorGroup(a.n_in, idx, steps * ms)
    tau = 10 * ms
    lif = NeuronGroup(a.n_out, """
        dv/dt = -v / tau + I / ms : 1
        dI/dt = -I / tau : 1
        fired : integer
    """, threshold="v > 1", reset="v = 0; fired += 1", method="exact")
    syn = Synapses(inp, lif, "w : 1", on_pre="I += w")
    syn.connect(i=sources, j=targets)
    syn.w = weights / VTH_MANT
    net = Network(inp, lif, syn)
    build = time.perf_counter() - t0

    net.run(a.warmup * ms)  # generates and compiles the code
    fired_before = int(np.sum(lif.fired[:]))
    t1 = time.perf_counter()
    net.run(a.steps * ms)
    seconds = time.perf_counter() - t1
    events = timed_spikes * a.fanout
    print(json.dumps({
        "simulator": "brian2", "version": brian2.__version__, "target": a.target,
        "events_per_s": events / seconds, "events": events, "seconds": seconds, "synapses": int(sources.size),
        "n_in": a.n_in, "n_out": a.n_out, "fanout": a.fanout, "activity": a.activity, "steps": a.steps,
        "warmup_steps": a.warmup, "input_spikes": timed_spikes, "output_spikes": int(np.sum(lif.fired[:])) - fired_before,
        "build_seconds": build, "seed": a.seed,
    }))


if __name__ == "__main__":
    main()

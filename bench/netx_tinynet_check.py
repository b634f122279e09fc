#!/usr/bin/python3
"""Holds bench/netx_h5py_check.py's restatement of Lava to Lava's own ground truth: lava-dl's test_tinynet
(tests/lava/lib/dl/netx/test_hdf5.py) builds tiny.net with netx.hdf5.Network, drives the input layer's neurons with
gts/tinynet/input_bias.npy, resets each layer's u and v after its first step (io.reset.Reset, interval 17, offset
layer - 1), runs 20 steps with the fixed-point models and requires its output spikes at steps 2..16 to equal
gts/tinynet/output.npy[..., 1:] exactly. This script does the same with the restated processes (build, Lif,
conv_sum of netx_h5py_check.py) and prints the number of differing spikes: 0 means the restatement runs tiny.net as
Lava does.

Usage: bench/netx_tinynet_check.py [testdata/netx/lava-dl]
"""
import importlib.util
import os
import sys

import h5py
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("netx_check", os.path.join(here, "netx_h5py_check.py"))
check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check)

data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "testdata", "netx", "lava-dl")
with h5py.File(os.path.join(data, "tiny.net"), "r") as f:
    layers, input_shape = check.build(f)

interval, steps = 17, 17 + len(layers)  # lava-dl: steps_per_sample + len(net)
in_layer, convs = layers[0], layers[1:]
bias = np.load(os.path.join(data, "tinynet_input_bias.npy")).astype(np.int64).transpose(2, 1, 0).reshape(-1)  # WHC -> CHW
neurons = [check.Lif(bias.size, in_layer["neuron"], bias)]
for e in convs:
    n = int(np.prod(e["shape"]))
    neurons.append(check.Lif(n, e["neuron"], np.repeat(e["bias"], n // e["bias"].size)))
buffers = [np.zeros(int(np.prod(e["shape"])), np.int64) for e in convs]
shapes = [in_layer["shape"]] + [e["shape"] for e in convs]
out = []
for t in range(1, steps + 1):  # Lava's time starts at 1
    s = neurons[0].step(np.zeros(bias.size, np.int64))
    for k, e in enumerate(convs):
        a, buffers[k] = buffers[k], check.conv_sum(s.reshape(shapes[k]).astype(np.int64), e["weight"], e["stride"], e["padding"],
                                                   e["dilation"], e["groups"])
        s = neurons[k + 1].step(a)
    out.append(s.copy())
    for i, n in enumerate(neurons):  # Reset.post_guard: (time_step - 1) % interval == offset % interval, offset = i - 1
        if (t - 1) % interval == (i - 1) % interval:
            n.u[:] = 0
            n.v[:] = 0
gt = np.load(os.path.join(data, "tinynet_output.npy"))[0].reshape(-1, 16).T  # [36, 1, 1, 16 steps] -> [16 steps, 36]
output = np.array(out)
error = int(np.abs(output[2:17].astype(int) - gt[1:].astype(int)).sum())
print(f"tiny.net, lava-dl test_tinynet alignment: {int(output[2:17].sum())} spikes, ground truth {int(gt[1:].sum())}, differing {error}")
sys.exit(0 if error == 0 else 1)

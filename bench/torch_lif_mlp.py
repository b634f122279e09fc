#!/usr/bin/python3
"""PyTorch CPU reference for the trainer's speed target: the same 784-400-10 LIF network, the same equations.

Per step t (s0 = the analog image, fed as current every step: direct encoding):
    a[t] = W . s_prev[t-1]        (a[0] = 0: every connection delays by one step)
    u[t] = u[t-1] (1 - du) + a[t]
    v[t] = v[t-1] (1 - dv) + u[t] + b
    z[t] = v[t] > theta, then v[t] = 0 where z (reset detached from the graph)
The readout is a non-spiking leaky integrator; the class score is its v after the last step, and the loss is the
softmax cross-entropy of loss_scale * score. The spike's gradient is the fast sigmoid gamma / (1 + 2|s x|)^2.

Written the way one would write it efficiently in PyTorch: the input current W.x is computed once per batch (the
input does not change over time), the hidden layer's time loop runs on [B, H] tensors, and the readout's input for
all steps is one matmul over the stacked spikes. Autograd does the backward pass.

Prints one JSON line: {"seconds_per_epoch": [...], "test_accuracy": ..., ...}. Debian: apt-get install python3-torch;
run with /usr/bin/python3 (a pyenv python does not see Debian's torch).
"""
import argparse
import gzip
import json
import os
import struct
import time

import numpy as np
import torch


def load_idx(path):
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    _, dtype, rank = struct.unpack(">HBB", data[:4])
    dims = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def load(data_dir, split):
    prefix = "train" if split == "train" else "t10k"
    x = load_idx(os.path.join(data_dir, prefix + "-images-idx3-ubyte.gz"))
    y = load_idx(os.path.join(data_dir, prefix + "-labels-idx1-ubyte.gz"))
    return torch.from_numpy(x.reshape(len(x), -1).astype(np.float32) / 255.0), torch.from_numpy(y.astype(np.int64))


class FastSigmoidSpike(torch.autograd.Function):
    gamma = 1.0
    sharpness = 1.0

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return (x > 0).to(x.dtype)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        d = 1.0 + 2.0 * FastSigmoidSpike.sharpness * x.abs()
        return grad * FastSigmoidSpike.gamma / (d * d)


spike = FastSigmoidSpike.apply


class LifMlp(torch.nn.Module):
    def __init__(self, inputs, hidden, classes, steps, du, dv, readout_dv, theta):
        super().__init__()
        self.w1 = torch.nn.Parameter(torch.randn(hidden, inputs) / inputs ** 0.5)
        self.b1 = torch.nn.Parameter(torch.zeros(hidden))
        self.w2 = torch.nn.Parameter(torch.randn(classes, hidden) / hidden ** 0.5)
        self.b2 = torch.nn.Parameter(torch.zeros(classes))
        self.steps, self.du, self.dv, self.readout_dv, self.theta = steps, du, dv, readout_dv, theta

    def forward(self, x):
        batch, hidden = x.shape[0], self.w1.shape[0]
        drive = x @ self.w1.t()  # the delayed input current of steps 1..T-1 (constant: direct encoding)
        u = torch.zeros(batch, hidden)
        v = torch.zeros(batch, hidden)
        spikes = []
        for t in range(self.steps):
            a = drive if t > 0 else torch.zeros_like(drive)
            u = u * (1 - self.du) + a
            v = v * (1 - self.dv) + u + self.b1
            z = spike(v - self.theta)
            v = v * (1 - z.detach())
            spikes.append(z)
        # Readout input of step t is the hidden spikes of step t-1: one matmul over steps 0..T-2.
        a2 = torch.stack(spikes[:-1]) @ self.w2.t()  # [T-1, B, classes]
        v2 = torch.zeros(batch, self.w2.shape[0])
        for t in range(self.steps):
            u2 = a2[t - 1] if t > 0 else 0  # readout du = 1: u[t] = a[t], no current memory
            v2 = v2 * (1 - self.readout_dv) + u2 + self.b2
        return v2, torch.stack(spikes)


def train(net, opt, x, y, epochs, batch, firing_rate, loss_scale=0.2):
    """Epochs of Adam over shuffled full batches (as the trainer); each epoch's seconds and mean firing rate."""
    seconds, rates = [], []
    for epoch in range(epochs):
        order = torch.randperm(len(x))
        start = time.perf_counter()
        spikes_total = 0.0
        batches = len(x) // batch  # full batches only, as the trainer
        for k in range(batches):
            idx = order[k * batch:(k + 1) * batch]
            score, z = net(x[idx])
            loss = torch.nn.functional.cross_entropy(loss_scale * score, y[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            spikes_total += firing_rate(z)
        seconds.append(time.perf_counter() - start)
        rates.append(spikes_total / batches)
    return seconds, rates


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=os.environ.get("SPIKEFORGE_FASHION_MNIST", "/usr/share/datasets/fashion-mnist"))
    p.add_argument("--hidden", type=int, default=400)
    p.add_argument("--steps", type=int, default=25)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x, y = load(a.data, "train")
    xt, yt = load(a.data, "test")
    if a.limit:
        x, y = x[:a.limit], y[:a.limit]
    # The trainer's defaults: du = 1 (no synaptic memory), dv = 0.05 on the chip grid (205/4096), threshold 1.
    net = LifMlp(x.shape[1], a.hidden, 10, a.steps, du=1.0, dv=205 / 4096, readout_dv=0.0, theta=1.0)
    opt = torch.optim.Adam(net.parameters(), lr=a.lr)
    seconds, rates = train(net, opt, x, y, a.epochs, a.batch, lambda z: float(z.detach().mean()))
    with torch.no_grad():
        correct = 0
        for k in range(0, len(xt), 1000):
            score, _ = net(xt[k:k + 1000])
            correct += int((score.argmax(1) == yt[k:k + 1000]).sum())
    print(json.dumps({"implementation": "pytorch " + torch.__version__, "network": "784-%d-10" % a.hidden,
                      "encoding": "direct", "steps": a.steps, "batch": a.batch, "threads": a.threads,
                      "train_samples": len(x), "seconds_per_epoch": [round(s, 2) for s in seconds],
                      "firing_rate": [round(r, 4) for r in rates], "test_accuracy": correct / len(xt)}))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""PyTorch CPU reference for the trainer's conv speed target: the same LIF conv (or SEW-ResNet) network, the same
equations, written the way snnTorch writes it: a loop over time steps, every layer applied to the previous step's
output of the layer below ([B, C, H, W] tensors, nn.Conv2d), autograd for the backward pass.

Per step t and layer l (s0 = the analog image, fed as current every step: direct encoding):
    a[t] = W * s_{l-1}[t-1]         (a[0] = 0: every connection delays by one step; * is a conv for conv layers)
    u[t] = u[t-1] (1 - du) + a[t]
    v[t] = v[t-1] (1 - dv) + u[t] + b
    z[t] = v[t] > theta, then v[t] = 0 where z (reset detached from the graph)
A conv layer (zero padding, a stride) has LIF neurons on every output position and one bias per channel; its spikes
are sum-pooled over 2x2 windows (stride-1 layers) for the next layer. A residual block (--blocks) is two 3x3 convs
whose output is added to the block input; the layer after a block reads that sum (each connection one step late).
The readout is a non-spiking leaky integrator; the score is its v after the last step; softmax cross-entropy of
loss_scale * score; the spike's gradient is the fast sigmoid gamma / (1 + 2|s x|)^2.

One thing is done better than snnTorch's tutorials, as the trainer does it too: the first conv of a constant input
is computed once per batch, not once per step.

Prints one JSON line: {"seconds_per_epoch": [...], "test_accuracy": ..., ...}. Debian: apt-get install python3-torch;
run with /usr/bin/python3 (a pyenv python does not see Debian's torch).
"""
import argparse
import json
import os
import re

import torch
import torch.nn.functional as F

from torch_lif_mlp import load, spike, train


def conv_spec(s):
    """CxK[pP][sS] as the trainer's --conv: a stride-1 layer is followed by 2x2 sum pooling, a strided one is not."""
    m = re.fullmatch(r"(\d+)x(\d+)(?:p(\d+))?(?:s(\d+))?", s)
    if not m:
        raise ValueError("conv spec " + s)
    stride = int(m.group(4) or 1)
    return int(m.group(1)), int(m.group(2)), int(m.group(3) or 0), stride, 1 if stride > 1 else 2


class LifState:
    """u and v of one layer, reset per batch; the step as the trainer computes it."""

    def __init__(self, du, dv, theta):
        self.du, self.dv, self.theta = du, dv, theta
        self.u = self.v = None

    def step(self, a, b):
        self.u = a if self.u is None else self.u * (1 - self.du) + a
        self.v = self.u + b if self.v is None else self.v * (1 - self.dv) + self.u + b
        z = spike(self.v - self.theta)
        self.v = self.v * (1 - z.detach())
        return z


class LifConvNet(torch.nn.Module):
    def __init__(self, convs, blocks, hidden, steps, du, dv, theta):
        super().__init__()
        self.steps, self.du, self.dv, self.theta = steps, du, dv, theta
        self.convs, self.pools, self.sources = torch.nn.ModuleList(), [], []
        self.conv_bias = torch.nn.ParameterList()
        channels, size = 1, 28
        specs = [conv_spec(s) for s in convs]
        stem = len(specs)
        summed = [stem - 1]
        for b in range(blocks):
            specs += [(specs[stem - 1][0], 3, 1, 1, 1), (specs[stem - 1][0], 3, 1, 1, 1)]
        for i, (c, k, p, s, pool) in enumerate(specs):
            self.convs.append(torch.nn.Conv2d(channels, c, k, stride=s, padding=p, bias=False))
            self.conv_bias.append(torch.nn.Parameter(torch.zeros(c)))
            self.pools.append(pool)
            # sources: the layer before, or (a block's first conv) the sum of the stem and every earlier block
            self.sources.append(list(reversed(summed)) if i >= stem and (i - stem) % 2 == 0 else [i - 1])
            if i >= stem and (i - stem) % 2 == 1:
                summed.append(i)
            channels, size = c, ((size + 2 * p - k) // s + 1) // pool
        self.shapes = []  # each conv layer's neuron map [C, H, W] (before pooling)
        with torch.no_grad():
            m = torch.zeros(1, 1, 28, 28)
            for conv, pool in zip(self.convs, self.pools):
                m = conv(m)
                self.shapes.append(tuple(m.shape[1:]))
                m = F.avg_pool2d(m, pool) if pool > 1 else m
        self.dense_sources = [len(specs) - 1] if blocks == 0 else list(reversed(summed))
        self.dense = torch.nn.ModuleList()
        fan_in = channels * size * size
        for h in hidden:
            self.dense.append(torch.nn.Linear(fan_in, h))
            fan_in = h
        self.readout = torch.nn.Linear(fan_in, 10)

    def forward(self, x):
        batch = x.shape[0]
        x = x.view(-1, 1, 28, 28)
        first = self.convs[0](x)  # constant input: its conv once per batch
        n_conv = len(self.convs)
        layers = n_conv + len(self.dense)
        states = [LifState(self.du, self.dv, self.theta) for _ in range(layers)]
        out = [None] * layers  # what each layer sent on the previous step (None before step 1)
        v_r = None
        rates = []
        for t in range(self.steps):
            new = []
            for i in range(layers):
                if i < n_conv:
                    src = [None] if i == 0 else [out[s] for s in self.sources[i]]
                    if t == 0:
                        a = torch.zeros(batch, *self.shapes[i])  # a[0] = 0: nothing delivered yet
                    else:
                        a = first if i == 0 else self.convs[i](sum(src))
                    z = states[i].step(a, self.conv_bias[i].view(1, -1, 1, 1))
                    new.append(F.avg_pool2d(z, self.pools[i]) * self.pools[i] ** 2 if self.pools[i] > 1 else z)
                else:
                    j = i - n_conv
                    lin = self.dense[j]
                    src = [out[s] for s in self.dense_sources] if j == 0 else [out[i - 1]]
                    a = torch.zeros(batch, lin.out_features) if t == 0 else F.linear(torch.flatten(sum(src), 1), lin.weight)
                    z = states[i].step(a, lin.bias)
                    new.append(z)
                rates.append(z)
            a_r = torch.zeros(batch, 10) if t == 0 else F.linear(out[-1], self.readout.weight)
            # readout du = 1 (u[t] = a[t]), dv = 0: v integrates the drive and the bias
            v_r = a_r + self.readout.bias if v_r is None else v_r + a_r + self.readout.bias
            out = new
        return v_r, rates


def load_weights(net, path):
    """Copies the layers of a Spikeforge trained network (JSON form) into net, which must have the same structure."""
    with open(path) as f:
        layers = json.load(f)["layers"]
    convs, dense = len(net.convs), len(net.dense)
    if len(layers) != convs + dense + 1:
        raise ValueError("%d layers in %s, the network has %d" % (len(layers), path, convs + dense + 1))

    def values(t):
        return torch.tensor(t.get("values", []), dtype=torch.float32).view(*t["shape"]) if t.get("values") else None

    with torch.no_grad():
        for i, l in enumerate(layers):
            n = l["neuron"]
            if i < convs + dense and (abs(n["du"] - net.du) > 1e-6 or abs(n["dv"] - net.dv) > 1e-6 or abs(n["threshold"] - net.theta) > 1e-6):
                raise ValueError("layer %d's neuron %s differs from the script's du, dv, threshold" % (i, n))
            w, b = values(l["weights"]), values(l.get("bias", {}))
            if i < convs:
                if [s for s in l.get("sources", [])] not in ([], net.sources[i]):
                    raise ValueError("layer %d reads %s, the script's %s" % (i, l.get("sources"), net.sources[i]))
                net.convs[i].weight.copy_(w)
                net.conv_bias[i].copy_(b if b is not None else torch.zeros(w.shape[0]))
            else:
                lin = net.dense[i - convs] if i < convs + dense else net.readout
                lin.weight.copy_(w)
                lin.bias.copy_(b if b is not None else torch.zeros(w.shape[0]))
                if i == convs and l.get("sources", []) not in ([], net.dense_sources):
                    raise ValueError("layer %d reads %s, the script's %s" % (i, l.get("sources"), net.dense_sources))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=os.environ.get("SPIKEFORGE_FASHION_MNIST", "/usr/share/datasets/fashion-mnist"))
    p.add_argument("--conv", default="16x3p1,32x3p1")
    p.add_argument("--blocks", type=int, default=0)
    p.add_argument("--hidden", default="256")
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--limit", type=int, default=10000)
    p.add_argument("--test-limit", type=int, default=1000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--weights", help="a trained network in Spikeforge's JSON form (spikeforge convert): load its "
                   "parameters into the same network and only evaluate it, to check that both compute the same thing")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x, y = load(a.data, "train")
    xt, yt = load(a.data, "test")
    if a.limit:
        x, y = x[:a.limit], y[:a.limit]
    if a.test_limit:
        xt, yt = xt[:a.test_limit], yt[:a.test_limit]
    hidden = [int(h) for h in a.hidden.split(",") if h]
    # The trainer's defaults: du = 1 (no synaptic memory), dv = 0.05 on the chip grid (205/4096), threshold 1.
    net = LifConvNet(a.conv.split(","), a.blocks, hidden, a.steps, du=1.0, dv=205 / 4096, theta=1.0)
    if a.weights:
        load_weights(net, a.weights)
        a.epochs = 0
    opt = torch.optim.Adam(net.parameters(), lr=a.lr)
    seconds, rates = train(net, opt, x, y, a.epochs, a.batch,
                           lambda z: float(sum(float(r.detach().mean()) for r in z) / len(z)))
    scores = []
    with torch.no_grad():
        correct = 0
        for k in range(0, len(xt), 500):
            score, _ = net(xt[k:k + 500])
            correct += int((score.argmax(1) == yt[k:k + 500]).sum())
            scores.append(score)
    if os.environ.get("TORCH_LIF_SCORES"):  # the class scores, one test image per line, to compare with Spikeforge's
        torch.set_printoptions(precision=8)
        with open(os.environ["TORCH_LIF_SCORES"], "w") as f:
            for row in torch.cat(scores).tolist():
                f.write(",".join(repr(v) for v in row) + "\n")
    print(json.dumps({"implementation": "pytorch " + torch.__version__, "conv": a.conv, "blocks": a.blocks,
                      "hidden": hidden, "encoding": "direct", "steps": a.steps, "batch": a.batch, "threads": a.threads,
                      "train_samples": len(x), "seconds_per_epoch": [round(s, 2) for s in seconds],
                      "firing_rate": [round(r, 4) for r in rates], "test_accuracy": correct / len(xt)}))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Times PyTorch fp32 inference of one 10-second segment through the DCASE 2021 baseline network,
on one thread, with the same weights and input as the JMH inference benchmark (read from the
manifest that the benchmarks module writes beside its generated ONNX models), so the figures can be
compared in one run. Each run is timed by the wall clock and by the thread's CPU time
(time.thread_time), which leaves out the time the thread spends descheduled on a shared machine.

Batch norms are folded into the convolutions (torch.nn.utils.fusion.fuse_conv_bn_eval), as the
ONNX graphs have them folded, so both run the same arithmetic. Before timing, the output is checked
against ONNX Runtime's fp32 probabilities for the same input (written in the manifest).

Usage (from the project root; installs Debian's python3-torch when it is missing):
    benchmarks/peers/inference_torch.sh benchmarks/target/bench-models/dcase2021-baseline-peer.json
"""
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn
from torch.nn.utils.fusion import fuse_conv_bn_eval


class BandNorm(nn.Module):
    def __init__(self, mean, std, floor=None):
        super().__init__()
        self.mean = mean.reshape(1, 1, -1, 1)
        self.std = std.reshape(1, 1, -1, 1)
        self.floor = floor

    def forward(self, x):
        y = (x - self.mean) / self.std
        # The exported graphs clamp the normalised input from below (digital silence).
        return y if self.floor is None else torch.clamp(y, min=self.floor)


def build(manifest, data):
    def tensor(offset, shape):
        n = int(np.prod(shape))
        return torch.from_numpy(data[offset:offset + n].reshape(shape).copy())

    layers = []
    for spec in manifest["layers"]:
        kind = spec["type"]
        if kind == "bandnorm":
            layers.append(BandNorm(tensor(spec["mean"], [spec["bands"]]),
                                   tensor(spec["std"], [spec["bands"]]),
                                   spec.get("floor")))
        elif kind == "conv":
            out_c, in_per_group, kh, kw = spec["shape"]
            conv = nn.Conv2d(in_per_group * spec["groups"], out_c, (kh, kw),
                             stride=tuple(spec["stride"]), padding=tuple(spec["padding"]),
                             groups=spec["groups"], bias=spec["bias"] is not None)
            conv.weight.data = tensor(spec["weight"], spec["shape"])
            if spec["bias"] is not None:
                conv.bias.data = tensor(spec["bias"], [out_c])
            layers.append(conv)
        elif kind == "batchnorm":
            c = spec["channels"]
            bn = nn.BatchNorm2d(c, eps=spec["eps"])
            bn.weight.data = tensor(spec["gamma"], [c])
            bn.bias.data = tensor(spec["beta"], [c])
            bn.running_mean.data = tensor(spec["mean"], [c])
            bn.running_var.data = tensor(spec["var"], [c])
            bn.eval()
            previous = layers[-1]
            if not isinstance(previous, nn.Conv2d):
                sys.exit("batch norm not after a convolution; the peer folds only conv + bn")
            layers[-1] = fuse_conv_bn_eval(previous.eval(), bn)
        elif kind == "relu":
            layers.append(nn.ReLU())
        elif kind == "maxpool":
            layers.append(nn.MaxPool2d(tuple(spec["kernel"]), stride=tuple(spec["stride"])))
        elif kind == "dropout":
            pass
        elif kind == "flatten":
            layers.append(nn.Flatten())
        elif kind == "dense":
            units, inputs = spec["shape"]
            dense = nn.Linear(inputs, units, bias=spec["bias"] is not None)
            dense.weight.data = tensor(spec["weight"], spec["shape"])
            if spec["bias"] is not None:
                dense.bias.data = tensor(spec["bias"], [units])
            layers.append(dense)
        elif kind == "softmax":
            layers.append(nn.Softmax(dim=1))
        else:
            sys.exit(f"the PyTorch peer cannot build layer {spec}; it runs the baseline network")
    return nn.Sequential(*layers).eval(), tensor(manifest["input"], manifest["input_shape"])


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: inference_torch.py MANIFEST.json (written by ./scenes bench inference)")
    path = sys.argv[1]
    with open(path) as f:
        manifest = json.load(f)
    data = np.fromfile(os.path.join(os.path.dirname(path), manifest["data"]), dtype="<f4")
    torch.set_num_threads(1)
    net, x = build(manifest, data)
    with torch.inference_mode():
        p = net(x)[0].numpy()
        expected = np.array(manifest["expected_fp32_probabilities"], dtype=np.float32)
        diff = float(np.max(np.abs(p - expected)))
        if diff > 1e-4:
            sys.exit(f"PyTorch output differs from ONNX Runtime's by {diff}; not the same network")
        for _ in range(30):
            net(x)
        times = []
        cpu = []
        for _ in range(200):
            start = time.perf_counter()
            start_cpu = time.thread_time()
            net(x)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            times.append((time.perf_counter() - start) * 1000)
    print(json.dumps({
        "peer": f"PyTorch {torch.__version__} fp32", "architecture": manifest["architecture"],
        "threads": torch.get_num_threads(), "max_abs_diff_vs_ort_fp32": diff,
        "median_ms": round(statistics.median(times), 3), "min_ms": round(min(times), 3),
        "max_ms": round(max(times), 3), "median_cpu_ms": round(statistics.median(cpu), 3),
        "runs": len(times)}))


if __name__ == "__main__":
    main()

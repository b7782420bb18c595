#!/usr/bin/python3
"""Train the two embedded demo models on Fashion-MNIST and export them as TorchScript.

Reproduce with:  /usr/bin/python3 datasets/train_demo_models.py
(Debian packages python3-torch and dataset-fashion-mnist; about 10 minutes on 2 cores.)

Writes datasets/models/fmnist_cnn.pt (torch.jit.script), fmnist_mobilenet.pt
(torch.jit.trace) and demo_models.json with each model's FP32 test top-1.
Preprocessing matches the engine's `fmnist` preset: x = (pixel/255 - 0.2860)/0.3530.
"""
import gzip
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

IDX_DIR = "/usr/share/datasets/fashion-mnist"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "models")
MEAN, STD = 0.2860, 0.3530


def read_idx(name):
    with gzip.open(os.path.join(IDX_DIR, name), "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_split(prefix):
    images = read_idx(f"{prefix}-images-idx3-ubyte.gz").astype(np.float32)
    labels = read_idx(f"{prefix}-labels-idx1-ubyte.gz").astype(np.int64)
    x = torch.from_numpy((images / 255.0 - MEAN) / STD).unsqueeze(1)
    return x, torch.from_numpy(labels)


class CompactCnn(nn.Module):
    """Three conv+BN+ReLU stages and two linear layers: the teaching model."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(32)
        self.conv3 = nn.Conv2d(32, 32, 3, padding=1, bias=False)
        self.bn3 = nn.BatchNorm2d(32)
        self.fc1 = nn.Linear(32 * 7 * 7, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 2)
        x = F.relu(self.bn3(self.conv3(x)))
        x = F.relu(self.fc1(torch.flatten(x, 1)))
        return self.fc2(x)


def conv_bn_relu6(cin, cout, kernel, stride=1, groups=1):
    return nn.Sequential(
        nn.Conv2d(cin, cout, kernel, stride, kernel // 2, groups=groups, bias=False),
        nn.BatchNorm2d(cout), nn.ReLU6(inplace=True))


class InvertedResidual(nn.Module):
    """MobileNetV2 block: 1x1 expand, 3x3 depthwise, 1x1 linear projection, residual add."""

    def __init__(self, cin, cout, stride, expand):
        super().__init__()
        hidden = cin * expand
        self.use_residual = stride == 1 and cin == cout
        self.conv = nn.Sequential(
            conv_bn_relu6(cin, hidden, 1),
            conv_bn_relu6(hidden, hidden, 3, stride, groups=hidden),
            nn.Conv2d(hidden, cout, 1, bias=False),
            nn.BatchNorm2d(cout))

    def forward(self, x):
        if self.use_residual:
            return x + self.conv(x)
        return self.conv(x)


class MiniMobileNet(nn.Module):
    """A MobileNetV2-like model: depthwise separable blocks, ReLU6, residual adds."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            conv_bn_relu6(1, 16, 3),
            InvertedResidual(16, 16, 1, 2),
            InvertedResidual(16, 24, 2, 4),
            InvertedResidual(24, 24, 1, 4),
            InvertedResidual(24, 32, 2, 4),
            InvertedResidual(32, 32, 1, 4),
            conv_bn_relu6(32, 128, 1))
        self.classifier = nn.Linear(128, 10)

    def forward(self, x):
        x = self.features(x)
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.classifier(x)


def accuracy(model, x, y):
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(x), 1000):
            correct += (model(x[i:i + 1000]).argmax(1) == y[i:i + 1000]).sum().item()
    return 100.0 * correct / len(x)


def train(model, train_x, train_y, epochs, lr):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    steps = epochs * ((len(train_x) + 127) // 128)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps)
    gen = torch.Generator().manual_seed(0)
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(train_x), generator=gen)
        start = time.time()
        for i in range(0, len(order), 128):
            idx = order[i:i + 128]
            xb = train_x[idx]
            flip = torch.rand(len(idx), generator=gen) < 0.5  # horizontal flip augmentation
            xb = torch.where(flip[:, None, None, None], xb.flip(3), xb)
            loss = F.cross_entropy(model(xb), train_y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(f"  epoch {epoch + 1}/{epochs}: loss {loss.item():.3f}, {time.time() - start:.0f} s",
              flush=True)


def main():
    torch.manual_seed(0)
    torch.set_num_threads(os.cpu_count() or 1)
    train_x, train_y = load_split("train")
    test_x, test_y = load_split("t10k")
    os.makedirs(OUT_DIR, exist_ok=True)
    example = test_x[:1]
    recipes = [
        ("fmnist_cnn", CompactCnn(), 8, 3e-3, "script"),
        ("fmnist_mobilenet", MiniMobileNet(), 10, 5e-3, "trace"),
    ]
    only = set(sys.argv[1:])
    summary_path = os.path.join(OUT_DIR, "demo_models.json")
    summary = json.load(open(summary_path)) if os.path.exists(summary_path) else {}
    for name, model, epochs, lr, export in recipes:
        if only and name not in only:
            continue
        print(f"training {name} ({sum(p.numel() for p in model.parameters())} parameters)")
        train(model, train_x, train_y, epochs, lr)
        model.eval()
        top1 = accuracy(model, test_x, test_y)
        scripted = torch.jit.script(model) if export == "script" else torch.jit.trace(model, example)
        path = os.path.join(OUT_DIR, f"{name}.pt")
        scripted.save(path)
        reloaded_top1 = accuracy(torch.jit.load(path), test_x, test_y)
        print(f"{name}: FP32 test top-1 {top1:.2f}% (reloaded TorchScript: {reloaded_top1:.2f}%)")
        summary[name] = {"file": f"{name}.pt", "export": f"torch.jit.{export}",
                         "fp32_top1": round(reloaded_top1, 2),
                         "params": sum(p.numel() for p in model.parameters()),
                         "epochs": epochs, "torch": torch.__version__}
    with open(summary_path, "w") as f:
        json.dump(summary, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()

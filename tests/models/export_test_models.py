#!/usr/bin/python3
"""Exports the TorchScript models the tests load, into OUT_DIR (not committed).

torchvision resnet18, resnet50 and mobilenet_v2 with random weights and random
BatchNorm statistics (so folding is really exercised), each traced and scripted;
plus broken inputs: a model without Conv2d/Linear, a torch.save() checkpoint,
a model traced in training mode, and one with a NaN weight. Uses Debian's python3-torch(vision).
"""
import os
import sys

import torch
import torchvision


def randomize_batchnorm(model):
    gen = torch.Generator().manual_seed(1)
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            n = m.num_features
            m.running_mean.copy_(torch.randn(n, generator=gen) * 0.1)
            m.running_var.copy_(torch.rand(n, generator=gen) * 0.5 + 0.75)
            m.weight.data.copy_(torch.rand(n, generator=gen) * 0.5 + 0.75)
            m.bias.data.copy_(torch.randn(n, generator=gen) * 0.1)
    return model


class NoLayers(torch.nn.Module):
    def forward(self, x):
        return torch.relu(x).flatten(1)


class SmallBn(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(1, 4, 3)
        self.bn = torch.nn.BatchNorm2d(4)
        self.fc = torch.nn.Linear(4 * 26 * 26, 10)

    def forward(self, x):
        return self.fc(torch.relu(self.bn(self.conv(x))).flatten(1))


class DepthwiseOnOnePixel(torch.nn.Module):
    """A depthwise 3x3 conv on 1x1 feature maps: with padding, only the centre tap
    ever sees data (the case where AdaRound can end worse than nearest)."""

    def __init__(self):
        super().__init__()
        self.stem = torch.nn.Conv2d(1, 64, 3, stride=2, padding=1)
        self.pool = torch.nn.AdaptiveAvgPool2d(1)
        self.depthwise = torch.nn.Conv2d(64, 64, 3, padding=1, groups=64)
        self.fc = torch.nn.Linear(64, 10)

    def forward(self, x):
        x = self.pool(torch.relu(self.stem(x)))
        return self.fc(torch.relu(self.depthwise(x)).flatten(1))


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(0)
    example = torch.randn(1, 3, 224, 224)
    for name in ("resnet18", "resnet50", "mobilenet_v2"):
        model = randomize_batchnorm(getattr(torchvision.models, name)(weights=None)).eval()
        with torch.no_grad():
            torch.jit.script(model).save(os.path.join(out_dir, f"{name}_scripted.pt"))
            torch.jit.trace(model, example).save(os.path.join(out_dir, f"{name}_traced.pt"))
    torch.manual_seed(1)
    torch.jit.script(DepthwiseOnOnePixel().eval()).save(os.path.join(out_dir, "depthwise_1x1.pt"))
    torch.jit.script(NoLayers()).save(os.path.join(out_dir, "no_layers.pt"))
    torch.save(SmallBn().state_dict(), os.path.join(out_dir, "state_dict_checkpoint.pt"))
    torch.jit.trace(SmallBn().train(), torch.randn(2, 1, 28, 28), check_trace=False).save(
        os.path.join(out_dir, "traced_in_training_mode.pt"))
    broken = SmallBn().eval()
    with torch.no_grad():
        broken.conv.weight[0, 0, 0, 0] = float("nan")
    torch.jit.script(broken).save(os.path.join(out_dir, "nan_weights.pt"))
    open(os.path.join(out_dir, "READY"), "w").write("ok\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "test-models")

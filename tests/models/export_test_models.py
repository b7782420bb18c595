#!/usr/bin/python3
"""Exports the TorchScript models the tests load, into OUT_DIR (not committed).

torchvision resnet18, resnet50 and mobilenet_v2 with random weights and random
BatchNorm statistics (so folding is really exercised), each traced and scripted;
plus broken inputs: a model without Conv2d/Linear, a torch.save() checkpoint,
a model traced in training mode, one with a NaN weight, one in float64; layers
AdaRound leaves in float (ConvTranspose2d, Conv1d, LSTM); MLPs on flattened input. Uses Debian's python3-torch(vision).
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


class UnsupportedLayers(torch.nn.Module):
    """Layers with weights that AdaRound does not quantize (ConvTranspose2d, Conv1d,
    LSTM) between a Conv2d and a Linear that it does; input 1x28x28."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(1, 4, 3, stride=2)
        self.up = torch.nn.ConvTranspose2d(4, 4, 2, stride=2)
        self.pool = torch.nn.AdaptiveAvgPool2d(4)
        self.conv1d = torch.nn.Conv1d(4, 8, 3)
        self.lstm = torch.nn.LSTM(8, 16, batch_first=True)
        self.fc = torch.nn.Linear(16, 10)

    def forward(self, x):
        x = self.pool(self.up(torch.relu(self.conv(x)))).flatten(2)
        x = torch.relu(self.conv1d(x)).transpose(1, 2)
        out, _ = self.lstm(x)
        return self.fc(out[:, -1])


class Mlp784(torch.nn.Module):
    """A multilayer perceptron on flattened 28x28 grayscale images: no conv to read channels from."""

    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(784, 32)
        self.fc2 = torch.nn.Linear(32, 10)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x.flatten(1))))


class Mlp500(Mlp784):
    """Like Mlp784 but with 500 inputs: no preset gives that many values."""

    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(500, 32)


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
    torch.jit.script(SmallBn().eval().double()).save(os.path.join(out_dir, "float64_weights.pt"))
    torch.jit.script(UnsupportedLayers().eval()).save(os.path.join(out_dir, "unsupported_layers.pt"))
    torch.jit.script(Mlp784().eval()).save(os.path.join(out_dir, "mlp784.pt"))
    torch.jit.script(Mlp500().eval()).save(os.path.join(out_dir, "mlp500.pt"))
    open(os.path.join(out_dir, "READY"), "w").write("ok\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "test-models")

#!/usr/bin/python3
"""Exports the small torchvision model bench_stream evaluates: MobileNetV3-Small
(random weights, 10 classes, eval mode), scripted, to the path given.
Uses Debian's python3-torch(vision)."""
import sys

import torch
import torchvision

torch.manual_seed(0)
model = torchvision.models.mobilenet_v3_small(num_classes=10).eval()
torch.jit.script(model).save(sys.argv[1])

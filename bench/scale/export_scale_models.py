#!/usr/bin/python3
"""Exports the models bench/scale runs: torchvision resnet18 and resnet50 with
random weights and random BatchNorm statistics (the tests' randomize_batchnorm),
num_classes 10, scripted. Usage: export_scale_models.py OUT_DIR [NAME...]"""
import os
import sys

import torch
import torchvision

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "models"))
from export_test_models import randomize_batchnorm  # noqa: E402


def main(out_dir, names):
    os.makedirs(out_dir, exist_ok=True)
    for name in names:
        torch.manual_seed(0)
        model = randomize_batchnorm(getattr(torchvision.models, name)(weights=None, num_classes=10)).eval()
        path = os.path.join(out_dir, f"{name}.pt")
        with torch.no_grad():
            torch.jit.script(model).save(path + ".tmp")
        os.replace(path + ".tmp", path)  # complete or absent: the bench caches by existence


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:] or ["resnet18", "resnet50"])

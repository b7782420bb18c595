#!/usr/bin/python3
"""Checks an `adaround-cli run --export DIR` folder from Python, as a user would:
torch.jit.load opens model.pt and reproduces the reported top-1 on the eval
folder; the .npy integer codes, scales and zero-points rebuild the weights; the
encodings follow AIMET's param_encodings layout.

With --act-bits B the model must also carry its activation quantizers (one
fake-quant op per quantized layer) and encodings.json their grids.

usage: check_export.py EXPORT_DIR EVAL_DIR EXPECTED_TOP1 [--act-bits B]
"""
import glob
import json
import os
import sys

import numpy as np
import torch
from PIL import Image

export_dir, eval_dir, expected = sys.argv[1], sys.argv[2], float(sys.argv[3])
act_bits = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[4] == "--act-bits" else 0
model = torch.jit.load(os.path.join(export_dir, "model.pt")).eval()

classes = sorted(d for d in os.listdir(eval_dir) if os.path.isdir(os.path.join(eval_dir, d)))
correct = total = 0
batch, labels = [], []


def flush():
    global correct, total, batch, labels
    if batch:
        x = (torch.tensor(np.stack(batch), dtype=torch.float32).unsqueeze(1) / 255.0 - 0.2860) / 0.3530
        with torch.no_grad():
            correct += (model(x).argmax(1) == torch.tensor(labels)).sum().item()
        total += len(batch)
        batch, labels = [], []


for label, cls in enumerate(classes):
    for path in sorted(glob.glob(os.path.join(eval_dir, cls, "*.png"))):
        batch.append(np.array(Image.open(path).convert("L")))
        labels.append(label)
        if len(batch) == 500:
            flush()
flush()
top1 = 100.0 * correct / total
print(f"python top-1 {top1:.2f}% (engine reported {expected:.2f}%)")
assert abs(top1 - expected) <= 0.02, (top1, expected)

enc = json.load(open(os.path.join(export_dir, "encodings.json")))
params = dict(model.named_parameters())
for codes_path in sorted(glob.glob(os.path.join(export_dir, "weights", "*.codes.npy"))):
    base = codes_path[: -len(".codes.npy")]
    name = os.path.basename(base).split("_", 1)[1]
    codes = np.load(codes_path).astype(np.float32)
    scale = np.load(base + ".scale.npy")
    zero = np.load(base + ".zero_point.npy")
    view = (-1,) + (1,) * (codes.ndim - 1)
    rebuilt = scale.reshape(view) * (codes - zero.reshape(view))
    weight = params[name + ".weight"].detach().numpy()
    assert np.allclose(rebuilt, weight, atol=1e-6 * max(1.0, np.abs(weight).max())), name
    entries = enc["param_encodings"][name + ".weight"]
    assert len(entries) == len(scale), name
    for e, s, z in zip(entries, scale, zero):
        assert set(e) >= {"bitwidth", "min", "max", "scale", "offset", "is_symmetric"}, e
        assert abs(e["scale"] - s) <= 1e-6 * s and e["offset"] == -int(z), (e, s, z)
        assert abs(e["min"] - (-z * s)) < 1e-6 and abs(e["max"] - ((2 ** e["bitwidth"] - 1 - z) * s)) < 1e-5
print(f"{len(enc['param_encodings'])} layers: codes, scales, zero-points and encodings consistent")

acts = enc["activation_encodings"]
fake_quants = model.graph.str().count("fake_quantize_per_tensor_affine")
if act_bits:
    assert set(acts) == {k[: -len(".weight")] + ".input" for k in enc["param_encodings"]}, sorted(acts)
    for name, (e,) in acts.items():
        assert e["bitwidth"] == act_bits and e["min"] <= 0.0 <= e["max"] and e["scale"] > 0, (name, e)
    assert fake_quants == len(acts), fake_quants
    print(f"{len(acts)} activation quantizers in the model and the encodings")
else:
    assert not acts and fake_quants == 0, (acts, fake_quants)

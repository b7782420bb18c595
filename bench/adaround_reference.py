#!/usr/bin/python3
"""A Python reference of AdaRound on the demo models, written the way the
BRECQ / AIMET reference implementations do it (nn.Module forward hooks, Adam on
V, the same rectified sigmoid, loss, schedule and range search as the engine),
for the side-by-side benchmark. Independent of the C++ engine: its own BN
folding, layer-input capture, grids and evaluation.

usage: adaround_reference.py --model M.pt --arch fmnist_cnn|fmnist_mobilenet
           --layers LAYERS.json (adaround-cli inspect --json) --calib DIR --eval DIR
           [--bits 4] [--iters 2000] [--threads 2] [--seed 0] --out RESULT.json
"""
import argparse
import glob
import json
import math
import os
import resource
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "datasets"))
from train_demo_models import CompactCnn, MiniMobileNet  # noqa: E402

ZETA, GAMMA = 1.1, -0.1


def load_folder(root):
    classes = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    images, labels = [], []
    for label, cls in enumerate(classes):
        for path in sorted(glob.glob(os.path.join(root, cls, "*.png"))):
            images.append(np.array(Image.open(path).convert("L"), dtype=np.float32))
            labels.append(label)
    x = (torch.from_numpy(np.stack(images)).unsqueeze(1) / 255.0 - 0.2860) / 0.3530
    return x, torch.tensor(labels)


def fold_batchnorm(model):
    """Fold each BatchNorm2d into the conv registered just before it."""
    previous = None
    for parent in model.modules():
        for name, child in list(parent.named_children()):
            if isinstance(child, nn.BatchNorm2d) and isinstance(previous, nn.Conv2d):
                scale = child.weight / torch.sqrt(child.running_var + child.eps)
                bias = previous.bias if previous.bias is not None else torch.zeros_like(child.running_mean)
                previous.weight.data.mul_(scale.view(-1, 1, 1, 1))
                previous.bias = nn.Parameter((bias - child.running_mean) * scale + child.bias)
                setattr(parent, name, nn.Identity())
            if isinstance(child, (nn.Conv2d, nn.Linear, nn.BatchNorm2d)):
                previous = child


def fit_grid(w, bits):
    """Per-channel asymmetric grid, clipping ratio 1.00..0.20 by weight MSE (as the engine)."""
    qmax = 2 ** bits - 1
    flat = w.reshape(w.shape[0], -1)
    lo = flat.min(1).values.clamp(max=0)
    hi = flat.max(1).values.clamp(min=0)
    best_s = best_z = best_err = None
    for i in range(81):
        r = 1.0 - 0.01 * i
        s = (hi - lo) * r / qmax
        s = torch.where(s > 0, s, torch.ones_like(s))
        z = torch.clamp(torch.round(-lo * r / s), 0, qmax)
        q = s[:, None] * (torch.clamp(torch.round(flat / s[:, None]) + z[:, None], 0, qmax) - z[:, None])
        err = (q - flat).pow(2).mean(1)
        if best_err is None:
            best_s, best_z, best_err = s, z, err
        else:
            better = err < best_err
            best_s = torch.where(better, s, best_s)
            best_z = torch.where(better, z, best_z)
            best_err = torch.where(better, err, best_err)
    view = (-1,) + (1,) * (w.dim() - 1)
    return best_s.view(view), best_z.view(view), qmax


def layer_fn(module, activation):
    def forward(x, w):
        if isinstance(module, nn.Linear):
            y = F.linear(x, w, module.bias)
        else:
            y = F.conv2d(x, w, module.bias, module.stride, module.padding, module.dilation, module.groups)
        if activation == "ReLU":
            return F.relu(y)
        if activation == "ReLU6":
            return torch.clamp(y, 0, 6)
        return y
    return forward


def capture(model, module, x):
    store = []
    handle = module.register_forward_hook(lambda m, inp, out: store.append(inp[0].detach().clone()))
    with torch.no_grad():
        for i in range(0, len(x), 256):
            model(x[i:i + 256])
    handle.remove()
    return torch.cat(store)


def beta_at(it, iters, warmup, start, end):
    begin = int(warmup * iters)
    if it < begin:
        return start
    t = min(1.0, (it - begin) / max(1, iters - begin))
    return end + (start - end) * (1 - t)


def output_mse(fn, x, target, w):
    with torch.no_grad():
        return sum((fn(x[i:i + 256], w) - target[i:i + 256]).pow(2).sum().item()
                   for i in range(0, len(x), 256)) / target.numel()


def adaround_layer(fn, w, s, z, qmax, x_fp, x_q, args, seed):
    with torch.no_grad():
        target = torch.cat([fn(x_fp[i:i + 256], w) for i in range(0, len(x_fp), 256)])
    w_floor = torch.floor(w / s)
    rest = w / s - w_floor
    nearest_up = torch.round(w / s) - w_floor
    dequant = lambda up: s * (torch.clamp(w_floor + up + z, 0, qmax) - z)  # noqa: E731
    v = (-torch.log((ZETA - GAMMA) / (rest.clamp(1e-6, 1 - 1e-6) - GAMMA) - 1)).clone().requires_grad_(True)
    opt = torch.optim.Adam([v], lr=args.lr)
    gen = torch.Generator().manual_seed(seed)
    start = time.perf_counter()
    for it in range(args.iters):
        idx = torch.randperm(len(x_q), generator=gen)[:args.batch]
        h = torch.clamp(torch.sigmoid(v) * (ZETA - GAMMA) + GAMMA, 0, 1)
        rec = (fn(x_q[idx], dequant(h)) - target[idx]).pow(2).sum(1).mean()
        loss = rec
        if it >= int(args.warmup * args.iters):
            beta = beta_at(it, args.iters, args.warmup, 20.0, 2.0)
            loss = rec + args.lam * (1 - (2 * h - 1).abs().pow(beta)).sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        h = torch.clamp(torch.sigmoid(v) * (ZETA - GAMMA) + GAMMA, 0, 1)
        up = (h >= 0.5).float()
        rtn_mse = output_mse(fn, x_q, target, dequant(nearest_up))
        hard_mse = output_mse(fn, x_q, target, dequant(up))
        kept = hard_mse > rtn_mse
        settled = ((h < 0.01) | (h > 0.99)).float().mean().item()
    return (dequant(nearest_up) if kept else dequant(up)), {
        "it_per_s": args.iters / seconds, "rec_mse_rtn": rtn_mse, "rec_mse_hard": hard_mse,
        "settled_share": settled, "kept_rtn": bool(kept)}


def top1(model, x, y):
    with torch.no_grad():
        return 100.0 * sum((model(x[i:i + 500]).argmax(1) == y[i:i + 500]).sum().item()
                           for i in range(0, len(x), 500)) / len(x)


def main():
    p = argparse.ArgumentParser()
    for name in ("model", "arch", "layers", "calib", "eval", "out"):
        p.add_argument("--" + name, required=True)
    p.add_argument("--bits", type=int, default=4)
    p.add_argument("--iters", type=int, default=2000)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--lam", type=float, default=0.01)
    p.add_argument("--warmup", type=float, default=0.2)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    started = time.perf_counter()

    model = {"fmnist_cnn": CompactCnn, "fmnist_mobilenet": MiniMobileNet}[args.arch]()
    model.load_state_dict(torch.jit.load(args.model).state_dict())
    model.eval()
    fold_batchnorm(model)
    activations = {l["name"]: l["activation"] for l in json.load(open(args.layers))["layers"]}
    quantized = __import__("copy").deepcopy(model)
    rtn = __import__("copy").deepcopy(model)
    names = [n for n, m in model.named_modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    x_calib, _ = load_folder(args.calib)
    x_eval, y_eval = load_folder(args.eval)

    layers = []
    for k, name in enumerate(names):
        fp_m, q_m, r_m = (dict(m.named_modules())[name] for m in (model, quantized, rtn))
        bits = 8 if k in (0, len(names) - 1) else args.bits
        w = fp_m.weight.detach().clone()
        s, z, qmax = fit_grid(w, bits)
        with torch.no_grad():
            r_m.weight.copy_(s * (torch.clamp(torch.round(w / s) + z, 0, qmax) - z))
        x_fp, x_q = capture(model, fp_m, x_calib), capture(quantized, q_m, x_calib)
        chosen, stats = adaround_layer(layer_fn(fp_m, activations[name]), w, s, z, qmax, x_fp, x_q, args,
                                       args.seed * 1000 + k)
        with torch.no_grad():
            q_m.weight.copy_(chosen)
        stats.update(name=name, bits=bits)
        layers.append(stats)
        print(f"  python {name}: {stats['it_per_s']:.0f} it/s, rec MSE {stats['rec_mse_rtn']:.3g} -> "
              f"{stats['rec_mse_hard']:.3g}", file=sys.stderr, flush=True)

    result = {"layers": layers, "fp32": top1(model, x_eval, y_eval), "rtn": top1(rtn, x_eval, y_eval),
              "adaround": top1(quantized, x_eval, y_eval), "seconds": time.perf_counter() - started,
              "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
              "torch": torch.__version__, "threads": torch.get_num_threads()}
    json.dump(result, open(args.out, "w"), indent=1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The layer lab's attempt against the same layer inside a run, in one sitting.

Runs `adaround-cli run` on the demo CNN, then `adaround-cli layer` on each
chosen layer in that run's context with the same settings and seed, and
prints, per layer, the optimisation seconds inside the run, the attempt's
optimisation seconds (the same engine function on the same inputs), the
attempt's whole time (with one top-1 pass over the eval subset) and their
ratios, plus the one-off capture time. Alternating repeats even out a busy
machine; the figures are medians.

usage: bench/layer_lab_vs_run.py BUILD_DIR [--iters N] [--layers conv2,fc1] [--repeats R]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile


def cli(build, *args):
    out = subprocess.run([os.path.join(build, "app", "adaround-cli"), *args], check=True, capture_output=True,
                         text=True)
    return json.loads(out.stdout)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("build")
    p.add_argument("--iters", type=int, default=2000)
    p.add_argument("--layers", default="conv2,fc1")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    demo = subprocess.run([os.path.join(a.build, "datasets", "adaround-prepare-demo"), "--print-dir"], check=True,
                          capture_output=True, text=True).stdout.strip()
    model = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "datasets", "models", "fmnist_cnn.pt")
    common = ["--model", model, "--calib", os.path.join(demo, "calib"), "--bits", "2", "--first-last-bits", "8",
              "--iters", str(a.iters), "--seed", "3", "--threads", str(a.threads), "--eval-subset", "500", "--json",
              "--quiet"]
    layers = a.layers.split(",")
    inside = {l: [] for l in layers}
    attempt = {l: [] for l in layers}
    whole = {l: [] for l in layers}
    capture = {l: [] for l in layers}
    with tempfile.TemporaryDirectory() as d:
        for r in range(a.repeats):
            log = os.path.join(d, f"run{r}.h5")
            run = cli(a.build, "run", *common, "--eval", os.path.join(demo, "eval"), "--log", log)
            by_name = {l["name"]: l for l in run["layers"]}
            for l in layers:
                inside[l].append(by_name[l]["seconds"])
                lab = cli(a.build, "layer", *common, "--eval", os.path.join(demo, "eval"), "--layer", l,
                          "--context", log, "--no-log")
                assert lab["attempt"]["rec_mse_hard"] == by_name[l]["rec_mse_hard"], "not the run's layer"
                attempt[l].append(lab["attempt"]["seconds"])
                whole[l].append(lab["seconds"])
                capture[l].append(lab["capture_seconds"])
    print(f"demo CNN, 2 bits (ends 8), {a.iters} iterations, {a.threads} threads, medians of {a.repeats}")
    print(f"{'layer':8} {'in run s':>9} {'attempt s':>10} {'ratio':>7} {'+top-1 s':>9} {'ratio':>7} {'capture s':>10}")
    for l in layers:
        i, t, w, c = (statistics.median(x[l]) for x in (inside, attempt, whole, capture))
        print(f"{l:8} {i:9.2f} {t:10.2f} {t / i:7.3f} {w:9.2f} {w / i:7.3f} {c:10.2f}")


if __name__ == "__main__":
    sys.exit(main())

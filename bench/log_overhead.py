#!/usr/bin/python3
"""Write overhead of the HDF5 run log on the demo job (./run.sh --headless:
fmnist_cnn, 2-bit weights, first/last 8-bit, 2,000 iterations per layer): the
same run without (--no-log) and with the log, alternated, side by side.

usage: bench/log_overhead.py [--repeats 1] [--iters 2000] [--threads N] [--build build]
Prints, per variant: wall-clock seconds of the process and the run's own seconds
(median over the repeats), their ratio, and the log's size.
The paper-scale case (ResNet-50, 54 layers x 10,000 iterations, a 15 MiB log),
too long to run for real here, is simulated by `build/bench/bench_run_log --large`.
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(cmd):
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - start, json.loads(out)["seconds"]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeats", type=int, default=1)
    p.add_argument("--iters", type=int, default=2000)
    p.add_argument("--threads", type=int)
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    a = p.parse_args()
    demo = subprocess.check_output([os.path.join(a.build, "datasets", "adaround-prepare-demo"), "--print-dir"],
                                   text=True).strip()
    cmd = [os.path.join(a.build, "app", "adaround-cli"), "run", "--model",
           os.path.join(ROOT, "datasets", "models", "fmnist_cnn.pt"), "--calib", os.path.join(demo, "calib"),
           "--eval", os.path.join(demo, "eval"), "--bits", "2", "--iters", str(a.iters), "--json", "--quiet"]
    if a.threads:
        cmd += ["--threads", str(a.threads)]

    runs = {"without log": [], "with log": []}
    with tempfile.TemporaryDirectory() as d:
        for i in range(a.repeats):
            runs["without log"].append(timed(cmd + ["--no-log"]))
            log = os.path.join(d, f"run{i}.h5")
            runs["with log"].append(timed(cmd + ["--log", log]))
            size = os.path.getsize(log)

    print(f"fmnist_cnn, 2-bit, {a.iters} iterations per layer, median of {a.repeats}")
    print(f"{'':12} {'wall s':>8} {'run s':>8}")
    medians = {}
    for name, samples in runs.items():
        medians[name] = [statistics.median(s[k] for s in samples) for k in (0, 1)]
        print(f"{name:12} {medians[name][0]:8.2f} {medians[name][1]:8.2f}")
    ratio = [w / wo for w, wo in zip(medians["with log"], medians["without log"])]
    print(f"{'ratio':12} {ratio[0]:8.3f} {ratio[1]:8.3f}")
    print(f"log size: {size} bytes ({size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()

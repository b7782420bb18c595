#!/usr/bin/env python3
"""One sweep's wall time three ways, in one sitting: --jobs 1 (2 threads per
run), --jobs 2 (1 thread per run) and --slurm on a private single-node cluster
(tests/app/slurm_cluster.py; skipped, and said so, where Slurm cannot start).
The local modes alternate over the repeats (1, 2, 2, 1, ...) so a busy machine
weighs on both; the figures are medians, printed with their ratio to --jobs 1.

usage: bench/sweep_wall_time.py BUILD_DIR [--repeats R] [--iters N]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "app"))
from slurm_cluster import SlurmCluster, SlurmUnavailable  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("build")
    p.add_argument("--repeats", type=int, default=2)
    p.add_argument("--iters", type=int, default=200)
    a = p.parse_args()
    cli = os.path.join(os.path.abspath(a.build), "app", "adaround-cli")
    demo = subprocess.run([os.path.join(a.build, "datasets", "adaround-prepare-demo"), "--print-dir"], check=True,
                          capture_output=True, text=True).stdout.strip()
    small_eval = os.path.join(os.path.abspath(a.build), "test-data", "fmnist-small", "eval")
    run = ["--model", os.path.join(HERE, "..", "datasets", "models", "fmnist_cnn.pt"), "--calib",
           os.path.join(demo, "calib"), "--eval", small_eval if os.path.isdir(small_eval) else os.path.join(demo, "eval"),
           "--bits", "3", "--iters", str(a.iters), "--calib-size", "128", "--eval-subset", "100",
           "--grid", "lambda=0.01,0.1", "--seeds", "2"]
    times = {"--jobs 1": [], "--jobs 2": [], "--slurm": []}
    with tempfile.TemporaryDirectory() as d:
        def sweep(mode, extra, env=None, wait=None):
            out = os.path.join(d, f"s{len(sum(times.values(), []))}")
            start = time.monotonic()
            subprocess.run([cli, "sweep", *run, *extra, "--out", out], check=True, capture_output=True, env=env)
            if wait:
                wait()
            times[mode].append(time.monotonic() - start)
            shutil.rmtree(out)

        for r in range(a.repeats):
            order = [("--jobs 1", ["--jobs", "1", "--threads", "2"]), ("--jobs 2", ["--jobs", "2", "--threads", "1"])]
            for mode, extra in (order if r % 2 == 0 else order[::-1]):
                sweep(mode, extra)
        try:
            with SlurmCluster() as cluster:
                for _ in range(a.repeats):
                    sweep("--slurm", ["--slurm", "--cpus", "1", "--threads", "1"], env=cluster.env,
                          wait=cluster.wait_idle_queue)
        except SlurmUnavailable as e:
            print(f"--slurm skipped: {e}")
    base = statistics.median(times["--jobs 1"])
    print(f"4-point sweep, demo CNN, 3 bits, {a.iters} iterations; medians of {a.repeats}")
    print(f"{'mode':10} {'wall s':>8} {'vs --jobs 1':>12}  runs")
    for mode, t in times.items():
        if t:
            m = statistics.median(t)
            print(f"{mode:10} {m:8.1f} {base / m:11.2f}x  {', '.join(f'{x:.1f}' for x in t)}")


if __name__ == "__main__":
    sys.exit(main())

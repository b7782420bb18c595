#!/usr/bin/python3
"""Side-by-side benchmark: the C++ engine (adaround-cli run) against the Python
reference (bench/adaround_reference.py) on the same demo model, calibration and
evaluation folders, bit-width, iterations, seed and thread count, in one run.
Both use Debian's LibTorch and whatever BLAS is the system's libblas.so.3.
Also runs the engine with the exact (second-moment) objective.

usage: bench/compare_reference.py [--model fmnist_cnn] [--bits 4 3 2] [--iters 2000]
                                  [--threads 2] [--seed 0] [--build build]
Prints, per bit-width: per layer iterations/s of each and their ratio, final
rec MSE of each and their difference, settled share of h(V) of each; end to end
seconds, peak RSS and FP32 / RTN / AdaRound top-1 of each.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_measured(cmd, env=None):
    """Runs CMD, returns (stdout, peak RSS in MiB)."""
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"failed: {' '.join(cmd)}")
        out.seek(0)
        return out.read().decode(), usage.ru_maxrss / 1024.0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="fmnist_cnn")
    p.add_argument("--bits", type=int, nargs="+", default=[4, 3, 2])
    p.add_argument("--iters", type=int, default=2000)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    args = p.parse_args()
    cli = os.path.join(args.build, "app", "adaround-cli")
    demo = subprocess.run([os.path.join(args.build, "datasets", "adaround-prepare-demo"), "--print-dir"],
                          capture_output=True, text=True, check=True).stdout.strip()
    model = os.path.join(ROOT, "datasets", "models", args.model + ".pt")
    calib, evaluation = os.path.join(demo, "calib"), os.path.join(demo, "eval")
    layers_json = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
    open(layers_json, "w").write(subprocess.run([cli, "inspect", model, "--json"], capture_output=True, text=True,
                                                check=True).stdout)
    print(f"model {args.model}, {args.iters} iterations per layer, batch 32, lr 1e-3, lambda 0.01, beta 20->2 "
          f"linear, warm-up 0.2, seed {args.seed}, {args.threads} threads each, same LibTorch and BLAS\n")
    for bits in args.bits:
        common = ["--model", model, "--calib", calib, "--eval", evaluation, "--bits", str(bits),
                  "--iters", str(args.iters), "--threads", str(args.threads), "--seed", str(args.seed),
                  "--json", "--quiet"]
        cpp_out, cpp_rss = run_measured([cli, "run", *common, "--eval-subset", "0"])
        exact_out, exact_rss = run_measured([cli, "run", *common, "--eval-subset", "0", "--objective", "exact"])
        ref_path = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
        _, py_rss = run_measured(["/usr/bin/python3", os.path.join(ROOT, "bench", "adaround_reference.py"),
                                  "--model", model, "--arch", args.model, "--layers", layers_json,
                                  "--calib", calib, "--eval", evaluation, "--bits", str(bits),
                                  "--iters", str(args.iters), "--threads", str(args.threads),
                                  "--seed", str(args.seed), "--out", ref_path])
        cpp, exact, py = json.loads(cpp_out), json.loads(exact_out), json.load(open(ref_path))
        print(f"=== {bits}-bit weights (first and last layer 8-bit) ===")
        print(f"{'layer':<22}{'C++ it/s':>9}{'Py it/s':>9}{'ratio':>7}{'C++ recMSE':>12}{'Py recMSE':>11}"
              f"{'diff':>7}{'C++ settl':>10}{'Py settl':>9}{'exact it/s':>11}{'exact/paper':>12}{'exact recMSE':>13}")
        for c, r, e in zip(cpp["layers"], py["layers"], exact["layers"]):
            c_mse = c["rec_mse_rtn"] if c["kept_rtn"] else c["rec_mse_hard"]
            r_mse = r["rec_mse_rtn"] if r["kept_rtn"] else r["rec_mse_hard"]
            e_mse = e["rec_mse_rtn"] if e["kept_rtn"] else e["rec_mse_hard"]
            print(f"{c['name']:<22}{c['iterations_per_second']:>9.0f}{r['it_per_s']:>9.0f}"
                  f"{c['iterations_per_second'] / r['it_per_s']:>6.2f}x{c_mse:>12.4g}{r_mse:>11.4g}"
                  f"{100 * (c_mse - r_mse) / max(r_mse, 1e-30):>+6.1f}%{100 * c['settled_share']:>9.1f}%"
                  f"{100 * r['settled_share']:>8.1f}%{e['iterations_per_second']:>11.0f}"
                  f"{e['iterations_per_second'] / c['iterations_per_second']:>11.1f}x{e_mse:>13.4g}")
        print(f"{'end to end':<22} C++ {cpp['seconds']:.1f} s, Python {py['seconds']:.1f} s "
              f"({py['seconds'] / cpp['seconds']:.2f}x); exact objective {exact['seconds']:.1f} s")
        print(f"{'peak RSS':<22} C++ {cpp_rss:.0f} MiB, Python {py_rss:.0f} MiB, C++ exact {exact_rss:.0f} MiB")
        print(f"{'top-1 %':<22} FP32 C++ {cpp['fp32']['top1']:.2f} / Py {py['fp32']:.2f};  "
              f"RTN C++ {cpp['rtn']['top1']:.2f} / Py {py['rtn']:.2f};  "
              f"AdaRound C++ {cpp['adaround']['top1']:.2f} / Py {py['adaround']:.2f} / C++ exact "
              f"{exact['adaround']['top1']:.2f}\n", flush=True)


if __name__ == "__main__":
    main()

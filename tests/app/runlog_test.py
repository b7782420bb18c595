#!/usr/bin/python3
"""Run logs read by tools nobody here wrote (h5py, h5dump), real kills, the CLI's
log commands and the docs' h5py example, all on logs of real CLI runs.

Run cases: runlog_test.py CLI DEMO_DIR MODELS_DIR DOCS_DIR RunLogTest.test_name...
The cases that only read a completed log share one run per process (shared_run).
"""
import hashlib
import json
import os
import pathlib
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import h5py
import numpy as np

CLI, DEMO, MODELS, DOCS = sys.argv[1:5]
CNN = os.path.join(MODELS, "fmnist_cnn.pt")
CALIB = os.path.join(DEMO, "calib")
EVAL = os.path.join(DEMO, "eval")
NAMES = ["conv1", "conv2", "conv3", "fc1", "fc2"]


def small_eval(root, per_class=30):
    """A 300-image eval folder (symlinks) so runs end in seconds."""
    out = os.path.join(root, "eval")
    for cls in sorted(os.listdir(EVAL)):
        os.makedirs(os.path.join(out, cls))
        for name in sorted(os.listdir(os.path.join(EVAL, cls)))[:per_class]:
            os.symlink(os.path.join(EVAL, cls, name), os.path.join(out, cls, name))
    return out


def layer_groups(f):
    """The /layers groups in model order (by their index attribute)."""
    return sorted(f["layers"].values(), key=lambda g: int(g.attrs["index"]))


def h5dump_values(path, obj, attribute=False):
    """The values h5dump prints for a dataset or attribute, parsed from its text."""
    flag = "-a" if attribute else "-d"
    p = subprocess.run(["h5dump", "-w", "0", "-m", "%.17g", flag, obj, path],
                       capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise AssertionError(f"h5dump {flag} {obj}: {p.stderr}")
    body = p.stdout[p.stdout.index("DATA {") + len("DATA {"):]
    body = body[: body.index("}")]
    body = re.sub(r"\(\d+(,\d+)*\):", " ", body)
    return [v.strip() for v in body.replace("\n", " ").split(",") if v.strip()]


from runlog_reader_error_cases import ReaderErrorCases  # noqa: E402  (uses the paths above)
from runlog_cancel_cases import CancelCases  # noqa: E402


class RunLogTest(ReaderErrorCases, CancelCases, unittest.TestCase):
    shared = None  # (log path, --json output) of the one run the readers share

    @classmethod
    def tearDownClass(cls):
        if cls.shared:
            cls.shared_dir.cleanup()

    def shared_run(self):
        """The log and --json output of one completed run, made on first use:
        the cases that only read a log need not pay for a run each."""
        cls = type(self)
        if cls.shared is None:
            cls.shared_dir = tempfile.TemporaryDirectory()
            log = os.path.join(cls.shared_dir.name, "run.h5")
            cls.shared_export = os.path.join(cls.shared_dir.name, "export")
            cls.shared = (log, self.short_run(log, "--export", cls.shared_export))
        return cls.shared

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.env = dict(os.environ, XDG_DATA_HOME=os.path.join(self.dir, "xdg"))
        self.eval = small_eval(self.dir)

    def tearDown(self):
        self.tmp.cleanup()

    def cli(self, *args):
        p = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=600, env=self.env)
        return p.returncode, p.stdout, p.stderr

    def run_args(self, iters, *extra):
        return ["run", "--model", CNN, "--calib", CALIB, "--eval", self.eval, "--bits", "3", "--iters", str(iters),
                "--calib-size", "256", "--eval-subset", "100", "--threads", "2", *extra]

    def short_run(self, log, *extra):
        rc, out, err = self.cli(*self.run_args(200, "--json", "--quiet", "--log", log, *extra))
        self.assertEqual(rc, 0, err)
        return json.loads(out)

    def assertFailsWith(self, args, code, *fragments):
        rc, out, err = self.cli(*args)
        self.assertEqual(rc, code, f"stdout: {out}\nstderr: {err}")
        lines = [l for l in err.strip().splitlines() if l.startswith("adaround-cli:")]
        self.assertEqual(len(lines), 1, f"one-line error expected, got: {err}")
        for f in fragments:
            self.assertIn(f, lines[0])

    def start_run(self, log, iters):
        return subprocess.Popen([CLI, *self.run_args(iters, "--log", log)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=self.env)

    def wait_for_layers(self, proc, n):
        """Reads the CLI's progress until N layers have finished; returns their lines."""
        done = []
        for line in proc.stderr:
            if re.match(r"\[\d+/5\] \w+: ", line):
                done.append(line)
                if len(done) == n:
                    return done
        self.fail(f"the run ended before {n} layers finished: {proc.wait()}")

    def assertLayersIntact(self, f, iters, completed):
        """Every completed layer has its full series, histograms, weights and metrics."""
        groups = [g for g in layer_groups(f) if g.attrs["completed"] == 1]
        self.assertEqual([g.attrs["name"] for g in groups], NAMES[:completed])
        table = f["model/layer_table"]
        for g in groups:
            i = int(g.attrs["index"])
            self.assertEqual(list(g["iteration"][:]), list(range(50, iters + 1, 50)))
            self.assertEqual(len(g["rec_loss"]), iters // 50)
            self.assertTrue(np.all(np.isfinite(g["rec_loss"][:])))
            self.assertEqual(list(g["histogram_iteration"][:]), list(range(0, iters + 1, 200)))
            shape = [d for d in table["weight_shape"][i] if d > 0]
            self.assertEqual(list(g["codes"].shape), shape)
            self.assertEqual(g["histogram"][:].sum(axis=1).tolist(), [int(np.prod(shape))] * len(g["histogram"]))
            self.assertGreater(g.attrs["rec_mse_rtn"], 0)
            self.assertGreater(g.attrs["seconds"], 0)

    def test_h5py_reads_who_flipped_data_and_log_flips(self):
        """fraction, sample_index and sample_h in h5py; `log flips --json` against them and the export's codes."""
        log, doc = self.shared_run()
        rc, out, err = self.cli("log", "flips", log, "--json")
        self.assertEqual(rc, 0, err)
        flips = json.loads(out)
        self.assertTrue(flips["fractions_stored"])
        self.assertEqual([l["name"] for l in flips["layers"]], NAMES)
        with h5py.File(log, "r") as f:
            hist_rows = None
            for g, l in zip(layer_groups(f), flips["layers"]):
                name = g.attrs["name"]
                codes, up, frac = g["codes"][:], g["rounded_up"][:], g["fraction"][:]
                self.assertEqual(frac.dtype, np.uint8)  # floor(256 f): nearest goes up exactly from 128
                self.assertEqual(frac.shape, codes.shape)
                nearest = frac >= 128
                flipped = up.astype(bool) != nearest
                self.assertEqual(l["flipped"], int(flipped.sum()), name)
                self.assertEqual(l["weights"], codes.size)
                self.assertEqual(l["flipped_up"], int((flipped & up.astype(bool)).sum()))
                self.assertEqual(sum(b["weights"] for b in l["by_distance"]), codes.size)
                self.assertEqual(sum(b["flipped"] for b in l["by_distance"]), l["flipped"])
                if not g.attrs["kept_rtn"]:  # the engine's own count, from its FP32 weights
                    self.assertEqual(l["flipped"], round(g.attrs["flipped_share"] * codes.size), name)
                # The export's codes are the log's; RTN's codes from the fractions differ where a weight flipped
                # (unless the grid's edge clips both).
                exported = np.load(os.path.join(type(self).shared_export, "weights",
                                                f"{g.attrs['index']:03d}_{name}.codes.npy"))
                self.assertTrue((exported == codes).all(), name)
                z = g["zero_point"][:].reshape((-1,) + (1,) * (codes.ndim - 1))
                qmax = 2 ** g.attrs["bits"] - 1
                floor = codes.astype(np.int64) - up - z
                inside = (codes > 0) & (codes < qmax)
                rtn = np.clip(floor + nearest + z, 0, qmax)
                self.assertEqual(int((rtn != exported)[inside].sum()), int(flipped[inside].sum()), name)
                # Trajectories: a seeded sample, one row per histogram snapshot, ending on the decisions.
                index, h = g["sample_index"][:], g["sample_h"][:]
                self.assertEqual(index.dtype, np.int64)
                self.assertEqual(h.dtype, np.float32)
                self.assertEqual(index.shape, (min(256, codes.size),))
                self.assertEqual(h.shape, (len(g["histogram_iteration"]), index.size))
                self.assertTrue((np.diff(index) > 0).all())
                # h(V) starts at f; the log keeps f in 1/256 steps (read back as the step's centre).
                self.assertTrue(np.allclose(h[0], (frac.reshape(-1)[index] + 0.5) / 256, atol=1 / 512 + 1e-4), name)
                if not g.attrs["kept_rtn"]:
                    self.assertTrue(((h[-1] >= 0.5) == up.reshape(-1)[index].astype(bool)).all(), name)
        # One layer, in text; an unknown layer is one error line.
        rc, out, err = self.cli("log", "flips", log, "--layer", "fc1")
        self.assertEqual(rc, 0, err)
        self.assertIn("fc1", out)
        self.assertNotIn("conv1", out)
        self.assertFailsWith(["log", "flips", log, "--layer", "fc9"], 1, "no quantized layer named 'fc9'")
        # A log written before the fractions were stored says so.
        old = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "runlog-v1-mobilenet.h5")
        rc, out, err = self.cli("log", "flips", old, "--json")
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)
        self.assertFalse(doc["fractions_stored"])
        self.assertIn("predates", doc["note"])
        self.assertTrue(all(l["flipped"] is None for l in doc["layers"]))

    def test_h5py_reads_series_histograms_and_accuracies(self):
        log, doc = self.shared_run()
        self.assertEqual(doc["log"], log)
        # The integrity header in HDF5's user block, which h5py skips.
        head = pathlib.Path(log).read_bytes()
        self.assertTrue(head.startswith(b"adaround-runlog integrity header\n"))
        self.assertIn(b"\nsha256 " + hashlib.sha256(head[512:]).hexdigest().encode() + b"\n", head[:512])
        self.assertIn(b"\nbytes %d\n" % (len(head) - 512), head[:512])
        with h5py.File(log, "r") as f:
            self.assertEqual(f.userblock_size, 512)
            self.assertEqual(f.attrs["schema"], "adaround-runlog")
            self.assertEqual(f.attrs["schema_version"], 1)
            self.assertEqual(f.attrs["status"], "completed")
            self.assertEqual(f.attrs["error"], "")
            self.assertEqual(f.attrs["layers_done"], 5)
            self.assertEqual(json.loads(f["config"].attrs["json"]), doc["config"])
            self.assertEqual(f["config"].attrs["iterations"], 200)
            self.assertEqual(f["config"].attrs["lambda"], 0.01)
            self.assertEqual(f["model"].attrs["sha256"], hashlib.sha256(pathlib.Path(CNN).read_bytes()).hexdigest())
            self.assertEqual(f["model"].attrs["bytes"], os.path.getsize(CNN))
            files = [s.decode() for s in f["data/calib_files"][:]]
            self.assertEqual(len(files), f["data"].attrs["calib_images"])
            self.assertEqual(len(files), 256)
            self.assertTrue(all(p.startswith(CALIB) and os.path.exists(p) for p in files))
            self.assertEqual([s.decode() for s in f["model/layer_table/name"][:]], NAMES)

            # Per-layer figures: the same numbers the run printed.
            groups = layer_groups(f)
            self.assertEqual([g.attrs["name"] for g in groups], [l["name"] for l in doc["layers"]])
            for g, l in zip(groups, doc["layers"]):
                for key in ("rec_mse_rtn", "rec_mse_soft", "rec_mse_hard", "flipped_share", "settled_share",
                            "seconds", "iterations_per_second"):
                    self.assertEqual(g.attrs[key], l[key], f"{l['name']} {key}")
                self.assertEqual(bool(g.attrs["kept_rtn"]), l["kept_rtn"])
                self.assertEqual(g.attrs["bits"], l["bits"])

            # Loss series: statistics every 50 iterations, total = rec + rounding,
            # no rounding loss in the warm-up (first 20%), beta decaying from 20 towards 2.
            conv2 = f["layers/001_conv2"]
            self.assertEqual(list(conv2["iteration"][:]), [50, 100, 150, 200])
            rec, rnd, total, beta = (conv2[k][:] for k in ("rec_loss", "round_loss", "total_loss", "beta"))
            self.assertTrue(np.array_equal(total, rec + rnd))
            self.assertTrue(np.all(rec > 0) and np.all(rnd > 0))
            self.assertTrue(np.all(np.diff(beta) < 0) and beta[0] <= 20 and beta[-1] >= 2, beta)

            # Histograms of h(V): at initialisation and at the end, counting every weight.
            hist = conv2["histogram"][:]
            self.assertEqual(hist.shape, (2, 50))
            self.assertEqual(list(conv2["histogram_iteration"][:]), [0, 200])
            self.assertEqual(list(hist.sum(axis=1)), [32 * 16 * 9] * 2)
            edges = hist[:, 0] + hist[:, -1]
            self.assertGreater(edges[1], edges[0], "h(V) moves toward 0 and 1")
            self.assertGreaterEqual(conv2["histogram_settled_share"][1], conv2["histogram_settled_share"][0])

            # Integer weights: codes = clip(floor(W/s) + up + z, 0, 2^b - 1), checked
            # against the model's own weights (fc1 has no BatchNorm to fold).
            import torch
            w = torch.jit.load(CNN).state_dict()["fc1.weight"]
            fc1 = f["layers/003_fc1"]
            s = torch.from_numpy(fc1["scale"][:]).reshape(-1, 1)
            z = torch.from_numpy(fc1["zero_point"][:]).reshape(-1, 1)
            up = torch.from_numpy(fc1["rounded_up"][:].astype(np.float32))
            expect = torch.clamp(torch.floor(w / s) + up + z, 0, 2 ** 3 - 1).to(torch.uint8)
            self.assertTrue(torch.equal(torch.from_numpy(fc1["codes"][:]), expect))
            self.assertEqual(fc1["codes"].compression, "gzip")
            self.assertIsNone(fc1["rec_loss"].maxshape[0], "series are extendable")

            # Accuracies: final figures and the per-layer progress curve.
            acc = f["accuracy"]
            for model in ("fp32", "rtn", "adaround"):
                self.assertEqual(acc.attrs[model + "_top1"], doc[model]["top1"])
                self.assertEqual(acc.attrs[model + "_top5"], doc[model]["top5"])
            self.assertEqual(list(acc["layers_done"][:]), [p["layers_done"] for p in doc["progress"]])
            self.assertEqual(list(acc["rtn_top1"][:]), [p["rtn_top1"] for p in doc["progress"]])
            self.assertEqual(list(acc["adaround_top1"][:]), [p["adaround_top1"] for p in doc["progress"]])
            # The subset baseline: FP32 and RTN of every planned layer on the curve's 100 images,
            # before the first layer; the curve starts there (0 layers: the FP32 model) and its
            # RTN line ends at the whole plan's RTN.
            base = doc["subset_baseline"]
            self.assertEqual(base["images"], 100)
            self.assertEqual(acc.attrs["subset_images"], 100)
            for model in ("fp32", "rtn"):
                self.assertEqual(acc.attrs[f"subset_{model}_top1"], base[model]["top1"])
                self.assertEqual(acc.attrs[f"subset_{model}_top5"], base[model]["top5"])
            self.assertEqual(list(acc["layers_done"][:]), list(range(6)))
            self.assertEqual(acc["adaround_top1"][0], base["fp32"]["top1"])
            self.assertEqual(acc["rtn_top1"][-1], base["rtn"]["top1"])

        # The CLI's own reader reports the same run.
        rc, out, err = self.cli("log", "info", log, "--json")
        self.assertEqual(rc, 0, err)
        info = json.loads(out)
        self.assertEqual(info["layers"], doc["layers"])
        self.assertEqual(info["progress"], doc["progress"])
        self.assertEqual(info["subset_baseline"], doc["subset_baseline"])
        self.assertEqual(info["config"], doc["config"])
        for model in ("fp32", "rtn", "adaround"):
            self.assertEqual(info[model], doc[model])

    def test_h5dump_reads_series_histograms_and_accuracies(self):
        log, doc = self.shared_run()
        with h5py.File(log, "r") as f:
            rec = f["layers/002_conv3/rec_loss"][:]
            hist = f["layers/002_conv3/histogram"][:]
        self.assertEqual([float(v) for v in h5dump_values(log, "/layers/002_conv3/rec_loss")], list(rec))
        self.assertEqual([int(v) for v in h5dump_values(log, "/layers/002_conv3/histogram")], list(hist.ravel()))
        self.assertEqual([float(v) for v in h5dump_values(log, "/accuracy/adaround_top1")],
                         [p["adaround_top1"] for p in doc["progress"]])
        self.assertEqual(float(h5dump_values(log, "/accuracy/fp32_top1", attribute=True)[0]), doc["fp32"]["top1"])
        self.assertEqual(h5dump_values(log, "/status", attribute=True), ['"completed"'])

    def test_log_info_and_export_csv(self):
        log, doc = self.shared_run()
        rc, out, err = self.cli("log", "info", log)
        self.assertEqual(rc, 0, err)
        self.assertIn("status    completed", out)
        self.assertIn("3-bit (first/last 8), 200 iterations", out)
        for name in NAMES:
            self.assertIn(name, out)
        self.assertIn("round-to-nearest", out)
        self.assertIn("eval subset (100 images) before the first layer: FP32 top-1", out)

        csv_dir = os.path.join(self.dir, "csv")
        rc, out, err = self.cli("log", "export-csv", log, csv_dir)
        self.assertEqual(rc, 0, err)
        self.assertEqual(sorted(os.listdir(csv_dir)),
                         ["accuracy.csv", "histograms.csv", "iterations.csv", "layers.csv", "progress.csv"])
        its = np.genfromtxt(os.path.join(csv_dir, "iterations.csv"), delimiter=",", names=True, dtype=None,
                            encoding="utf-8")
        with h5py.File(log, "r") as f:
            conv1 = its[its["layer"] == "conv1"]
            self.assertEqual(list(conv1["rec_loss"]), list(f["layers/000_conv1/rec_loss"][:]))
            hist = np.loadtxt(os.path.join(csv_dir, "histograms.csv"), delimiter=",", skiprows=1,
                              usecols=range(4, 54), dtype=np.int64)
            self.assertEqual(hist[:2].tolist(), f["layers/000_conv1/histogram"][:].tolist())
        progress = np.loadtxt(os.path.join(csv_dir, "progress.csv"), delimiter=",", skiprows=1)
        self.assertEqual(progress[:, 2].tolist(), [p["adaround_top1"] for p in doc["progress"]])
        text = pathlib.Path(csv_dir, "accuracy.csv").read_text()
        rows = {r[0]: r[1:] for r in (line.split(",") for line in text.split())}
        self.assertEqual(float(rows["subset_rtn"][0]), doc["subset_baseline"]["rtn"]["top1"])
        self.assertEqual(rows["subset_fp32"][2], "100")
        self.assertEqual(rows["fp32"][2], "300")
        self.assertFailsWith(["log", "export-csv", log, csv_dir], 1, "iterations.csv", "exists")

    def test_default_location_no_log_and_never_overwriting(self):
        rc, out, err = self.cli(*self.run_args(20, "--eval-subset", "0", "--json"))
        self.assertEqual(rc, 0, err)
        runs = os.path.join(self.dir, "xdg", "adaround-workbench", "runs")
        path = json.loads(out)["log"]
        self.assertRegex(path, re.escape(runs) + r"/run-\d{8}-\d{6}(-\d+)?\.h5$")
        self.assertIn("run log: " + path, err)
        self.assertTrue(os.path.isfile(path))

        rc, out, err = self.cli(*self.run_args(20, "--eval-subset", "0", "--json", "--quiet", "--no-log"))
        self.assertEqual(rc, 0, err)
        self.assertIsNone(json.loads(out)["log"])
        self.assertEqual(os.listdir(runs), [os.path.basename(path)])

        before = pathlib.Path(path).read_bytes()
        self.assertFailsWith(self.run_args(20, "--log", path), 1, path, "exists", "never overwritten")
        self.assertEqual(pathlib.Path(path).read_bytes(), before)
        self.assertFailsWith(self.run_args(20, "--log", path, "--no-log"), 2, "exclude")

    def test_docs_example_plots_a_real_log(self):
        text = pathlib.Path(DOCS, "runlog.md").read_text()
        blocks = re.findall(r"```python\n(.*?)```", text, re.S)
        check, plot = blocks[0], blocks[-1]  # the integrity check and the plotting example
        shutil.copy(self.shared_run()[0], os.path.join(self.dir, "run.h5"))
        env = dict(self.env, MPLBACKEND="Agg")
        # The integrity check, on the log and on a copy with one byte changed.
        p = subprocess.run([sys.executable, "-c", check], cwd=self.dir, capture_output=True, text=True, timeout=60)
        self.assertEqual((p.returncode, p.stdout), (0, "intact\n"), p.stderr)
        data = bytearray(pathlib.Path(self.dir, "run.h5").read_bytes())
        data[-100] ^= 1
        pathlib.Path(self.dir, "damaged").mkdir()
        pathlib.Path(self.dir, "damaged", "run.h5").write_bytes(data)
        p = subprocess.run([sys.executable, "-c", check], cwd=os.path.join(self.dir, "damaged"), capture_output=True,
                           text=True, timeout=60)
        self.assertEqual(p.stdout, "damaged or changed since it was written\n", p.stderr)
        p = subprocess.run([sys.executable, "-c", plot], cwd=self.dir, env=env, capture_output=True, text=True,
                           timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr)
        for png in ("loss.png", "histograms.png"):
            data = pathlib.Path(self.dir, png).read_bytes()
            self.assertEqual(data[:8], b"\x89PNG\r\n\x1a\n")
            self.assertGreater(len(data), 10000)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], *sys.argv[5:]])

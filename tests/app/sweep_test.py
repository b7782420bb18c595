#!/usr/bin/python3
"""adaround-cli sweep end to end: the sweep folder, local runs with a kill and a
resume, the report against the logs' own figures (h5py), and a real private
Slurm cluster (tests/app/slurm_cluster.py): a job array, a task killed mid-run
and resubmitted.

Run one case: sweep_test.py CLI DEMO_DIR MODELS_DIR SweepTest.test_name
"""
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import unittest

import h5py

CLI, DEMO, MODELS = sys.argv[1:4]
CNN = os.path.join(MODELS, "fmnist_cnn.pt")
CALIB = os.path.join(DEMO, "calib")
EVAL = os.path.join(DEMO, "eval")
# A short run: 3 bits so that AdaRound and RTN differ, few iterations and images.
RUN = ["--model", CNN, "--calib", CALIB, "--eval", EVAL, "--bits", "3", "--iters", "50",
       "--calib-size", "64", "--eval-subset", "100", "--stats-interval", "10"]

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from slurm_cluster import SlurmCluster, SlurmUnavailable  # noqa: E402


def read(path):
    with open(path) as f:
        return f.read()


def load(path):
    return json.loads(read(path))


def cli(*args, env=None, **kw):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=300, env=env, **kw)


def report(out, env=None):
    p = cli("sweep", "report", out, "--json", env=env)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError("timed out waiting for " + what)


def process_writing(log):
    """The pid of the run whose command line names LOG."""
    for d in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{d}/cmdline", "rb") as f:
                if log in f.read().decode(errors="replace").split("\0"):
                    return int(d)
        except OSError:
            pass
    raise AssertionError("no process writes " + log)


def log_status(path):
    try:
        with h5py.File(path, "r") as f:
            return f.attrs["status"]
    except (OSError, KeyError):
        return None


class SweepTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sweep-test-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def assertReportMatchesLogs(self, doc, seeds):
        """Every point's figures as its log stores them; groups' mean ± std over seeds."""
        for p in doc["points"]:
            self.assertEqual(p["status"], "completed", p)
            with h5py.File(p["log"], "r") as f:
                acc = f["accuracy"].attrs
                self.assertEqual(f.attrs["status"], "completed")
                self.assertEqual(int(f.attrs["seed"]), p["seed"])
                for key, attr in (("top1", "adaround_top1"), ("rtn_top1", "rtn_top1"), ("fp32_top1", "fp32_top1"),
                                  ("top5", "adaround_top5")):
                    self.assertAlmostEqual(p[key], float(acc[attr]), places=9)
        for g in doc["groups"]:
            members = [doc["points"][i] for i in g["points"]]
            self.assertEqual(len(members), seeds)
            self.assertEqual(sorted(m["seed"] for m in members), list(range(seeds)))
            top1 = [m["top1"] for m in members]
            self.assertAlmostEqual(g["top1"]["mean"], statistics.mean(top1), places=9)
            self.assertAlmostEqual(g["top1"]["std"], statistics.stdev(top1) if seeds > 1 else 0.0, places=9)
        best = max(doc["groups"], key=lambda g: g["top1"]["mean"])
        self.assertEqual(doc["best"]["group"], best["group"])

    def test_points_manifest_and_dry_run(self):
        out = os.path.join(self.tmp, "s")
        grid = ["--grid", "beta=20:2,10:2", "--grid", "conv2.bits=2,fp32", "--seeds", "2"]
        p = cli("sweep", *RUN, *grid, "--out", out, "--dry-run")
        self.assertEqual(p.returncode, 0, p.stderr)
        manifest = load(os.path.join(out, "manifest.json"))
        points = manifest["points"]
        self.assertEqual(len(points), 8)  # 2 x 2 settings x 2 seeds, grid row-major, seeds innermost
        self.assertEqual(points[0]["settings"], {"beta": "20:2", "conv2.bits": "2"})
        self.assertEqual(points[3]["settings"], {"beta": "20:2", "conv2.bits": "fp32"})
        self.assertEqual([q["seed"] for q in points], [0, 1] * 4)
        self.assertEqual([q["group"] for q in points], [0, 0, 1, 1, 2, 2, 3, 3])
        config = load(os.path.join(out, "points", "005.json"))
        self.assertEqual((config["beta_start"], config["beta_end"], config["seed"]), (10.0, 2.0, 1))
        self.assertEqual(config["bits_layer"], {"conv2": 2})
        self.assertEqual(load(os.path.join(out, "points", "007.json"))["bits_layer"], {"conv2": "fp32"})
        self.assertEqual(config["model"], os.path.abspath(CNN))
        # The dry run lists each point's run of the same binary by absolute path.
        commands = p.stdout.strip().split("\n")
        self.assertEqual(len(commands), 8)
        self.assertTrue(all(c.startswith("/") and " run --config " + out + "/points/" in c for c in commands))
        # Slurm dry run: the script, one task per point, nothing submitted.
        p = cli("sweep", *RUN, *grid, "--out", out, "--slurm", "--dry-run", "--cpus", "2", "--time", "0:10:00",
                "--sbatch-arg=--qos=short")
        self.assertEqual(p.returncode, 0, p.stderr)
        script = read(p.stdout.strip())
        for line in ("#SBATCH --array=0-7", "#SBATCH --cpus-per-task=2", "#SBATCH --time=0:10:00",
                     "#SBATCH --qos=short", f"#SBATCH --output={out}/slurm/%A_%a.out"):
            self.assertIn(line, script)
        self.assertIn(f"'--log' '{out}/logs/003.h5' '--threads' '2'", script)
        self.assertTrue(os.path.isdir(os.path.join(out, "slurm")))
        # Another sweep into the same folder is refused; a bad key is a usage error.
        p = cli("sweep", *RUN, "--grid", "lambda=0.1,1", "--out", out, "--dry-run")
        self.assertEqual(p.returncode, 1)
        self.assertIn("holds another sweep", p.stderr)
        for bad, words in ((["--grid", "lamda=1"], "unknown sweep key 'lamda'"),
                           (["--grid", "conv2.bits=9"], "not a bit-width")):
            p = cli("sweep", *RUN, *bad, "--out", os.path.join(self.tmp, "bad"))
            self.assertEqual(p.returncode, 2, p.stderr)
            self.assertIn(words, p.stderr)
        # Random samples: within the range, and reproducible (the same command
        # again finds the same sweep in its folder, which compares every point).
        random = ["sweep", *RUN, "--random", "5", "--range", "lambda=0.001:1:log", "--range", "iters=10:100",
                  "--out", os.path.join(self.tmp, "r"), "--dry-run"]
        for _ in range(2):
            p = cli(*random)
            self.assertEqual(p.returncode, 0, p.stderr)
        points = load(os.path.join(self.tmp, "r", "manifest.json"))["points"]
        self.assertEqual(len({q["settings"]["lambda"] for q in points}), 5)
        for q in points:
            self.assertTrue(0.001 <= float(q["settings"]["lambda"]) <= 1)
            self.assertTrue(10 <= int(q["settings"]["iterations"]) <= 100)

        # The data-robustness preset: calibration sizes from the batch size to 1024, two folders, 3 seeds.
        p = cli("sweep", *RUN, "--preset", "data-robustness", "--second-calib", EVAL, "--batch", "128",
                "--out", os.path.join(self.tmp, "d"), "--dry-run")
        self.assertEqual(p.returncode, 0, p.stderr)
        spec = load(os.path.join(self.tmp, "d", "manifest.json"))["spec"]
        self.assertEqual(spec["grid"], [{"key": "calib_size", "values": ["128", "256", "512", "1024"]},
                                        {"key": "calib", "values": [os.path.abspath(CALIB), os.path.abspath(EVAL)]}])
        self.assertEqual(spec["seeds"], 3)

    def test_local_sweep_killed_and_resumed(self):
        out = os.path.join(self.tmp, "s")
        args = ["sweep", *RUN, "--grid", "lambda=0.01,0.1", "--seeds", "2", "--jobs", "2", "--out", out]
        logs = os.path.join(out, "logs")
        sweep = subprocess.Popen([CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 start_new_session=True)
        try:
            # Jobs 2: points 002 and 003 start once 000 and 001 have completed.
            wait_for(lambda: [log_status(os.path.join(logs, f"00{i}.h5")) for i in range(3)] ==
                     ["completed", "completed", "running"], 120, "points 000, 001 to complete and 002 to run")
            # A live point's log says running and its writer holds the lock.
            status = json.loads(cli("sweep", "status", out, "--json").stdout)
            self.assertEqual(status["points"][2]["status"], "running")
        finally:
            os.killpg(sweep.pid, signal.SIGKILL)  # the sweep and its runs, as a crash would
            sweep.communicate()
        done = {n: os.path.getmtime(os.path.join(logs, f"{n}.h5")) for n in ("000", "001")}
        self.assertEqual([log_status(os.path.join(logs, f"{n}.h5")) for n in done], ["completed"] * 2)
        status = json.loads(cli("sweep", "status", out, "--json").stdout)
        self.assertEqual(status["points"][2]["status"], "killed")  # its log still says running
        self.assertEqual(log_status(os.path.join(logs, "002.h5")), "running")

        p = cli(*args)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("4 points, 2 completed", p.stderr)
        self.assertNotIn("point 000 started", p.stderr)
        self.assertIn("point 002 started", p.stderr)
        for n, mtime in done.items():  # completed points are not run again
            self.assertEqual(os.path.getmtime(os.path.join(logs, f"{n}.h5")), mtime)
        self.assertEqual(log_status(os.path.join(logs, "002.h5")), "running")  # the killed attempt is kept
        self.assertEqual(log_status(os.path.join(logs, "002.attempt2.h5")), "completed")
        doc = report(out)
        self.assertEqual(doc["points"][2]["attempts"], 2)
        self.assertReportMatchesLogs(doc, seeds=2)
        self.assertNotEqual(doc["points"][0]["top1"], doc["points"][0]["rtn_top1"])
        # Idempotent: nothing left to run; text report, CSV and the best configuration.
        p = cli(*args)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("nothing to run", p.stderr)
        csv, best = os.path.join(self.tmp, "r.csv"), os.path.join(self.tmp, "best.json")
        p = cli("sweep", "report", out, "--csv", csv, "--best-config", best)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Over seeds", p.stdout)
        rows = read(csv).strip().split("\n")
        self.assertEqual(len(rows), 5)
        self.assertTrue(rows[0].startswith("index,lambda,seed,status"))
        best_point = doc["points"][doc["best"]["point"]]
        self.assertEqual(load(best), best_point["config"])

    def test_slurm_array_and_resubmit_after_a_kill(self):
        try:
            cluster = SlurmCluster().__enter__()
        except SlurmUnavailable as e:
            self.skipTest(f"Slurm cannot start here: {e}")
        self.addCleanup(cluster.__exit__, None, None, None)
        env = cluster.env
        out = os.path.join(self.tmp, "s")
        args = ["sweep", *RUN, "--grid", "lambda=0.01,0.1", "--seeds", "2", "--out", out, "--slurm"]
        p = cli(*args, env=env)
        self.assertEqual(p.returncode, 0, p.stderr)
        job = p.stdout.strip()
        self.assertTrue(job.isdigit(), p.stdout)
        # Kill one task's run mid-way (its process, as the OOM killer would).
        victim = os.path.join(out, "logs", "001.h5")
        wait_for(lambda: log_status(victim) == "running", 120, "point 001 to run")
        pid = process_writing(victim)
        os.kill(pid, signal.SIGKILL)
        cluster.wait_idle_queue()
        status = json.loads(cli("sweep", "status", out, "--json", env=env).stdout)
        self.assertEqual([q["status"] for q in status["points"]], ["completed", "killed", "completed", "completed"])
        # The same command resubmits only the killed point, as attempt 2.
        p = cli(*args, env=env)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNotEqual(p.stdout.strip(), job)
        script = read(os.path.join(out, "slurm", "submit-2.sh"))
        self.assertIn("#SBATCH --array=0-0", script)
        self.assertIn("001.attempt2.h5", script)
        cluster.wait_idle_queue()
        doc = report(out, env=env)
        self.assertEqual(doc["counts"], {"completed": 4})
        self.assertEqual(doc["points"][1]["attempts"], 2)
        self.assertReportMatchesLogs(doc, seeds=2)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]] + sys.argv[4:], verbosity=2)

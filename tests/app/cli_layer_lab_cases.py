"""adaround-cli layer (the layer lab headless) on real short runs of the demo CNN:
the run's layer reproduced in the run's context, the log it writes read by
h5py, the fp32 and rtn contexts, and its errors."""
import json
import os
import tempfile

import h5py

import __main__ as t  # cli_test.py

COMMON = ["--bits", "3", "--iters", "100", "--calib-size", "64", "--seed", "5", "--json", "--quiet"]


class LayerLabCases:
    def test_layer_lab_reproduces_the_runs_layer_and_writes_a_log(self):
        with tempfile.TemporaryDirectory() as d:
            evals = t.small_eval_once(d)
            run_log = os.path.join(d, "run.h5")
            rc, out, err = t.run("run", "--model", t.CNN, "--calib", t.CALIB, "--eval", evals, *COMMON,
                                 "--eval-subset", "0", "--log", run_log)
            self.assertEqual(rc, 0, err)
            run = {l["name"]: l for l in json.loads(out)["layers"]}
            lab_log = os.path.join(d, "lab.h5")
            rc, out, err = t.run("layer", "--model", t.CNN, "--calib", t.CALIB, *COMMON, "--layer", "conv3",
                                 "--context", run_log, "--log", lab_log)
            self.assertEqual(rc, 0, err)
            doc = json.loads(out)
            self.assertEqual(doc["status"], "completed")
            self.assertEqual(doc["context"], run_log)
            self.assertIsNone(doc["adaround"])  # no --eval: no top-1
            for key in ("rec_mse_rtn", "rec_mse_hard", "rec_mse_soft", "flipped_share", "settled_share"):
                self.assertEqual(doc["attempt"][key], run["conv3"][key], key)
            with h5py.File(lab_log, "r") as f:
                groups = [g for g in f["layers"].values()]
                self.assertEqual([g.attrs["name"] for g in groups], ["conv3"])
                self.assertEqual(int(groups[0]["iteration"][-1]), 100)
            with h5py.File(run_log, "r") as f:
                run_codes = [g for g in f["layers"].values() if g.attrs["name"] == "conv3"][0]["codes"][:]
            with h5py.File(lab_log, "r") as f:
                lab_codes = list(f["layers"].values())[0]["codes"][:]
            self.assertTrue((run_codes == lab_codes).all())

    def test_layer_lab_contexts_and_top1(self):
        with tempfile.TemporaryDirectory() as d:
            evals = t.small_eval_once(d)
            docs = {}
            for context in ("fp32", "rtn"):
                rc, out, err = t.run("layer", "--model", t.CNN, "--calib", t.CALIB, "--eval", evals, *COMMON,
                                     "--eval-subset", "60", "--layer", "conv1", "--context", context, "--no-log",
                                     "--layer-set", "conv1.bits=2")
                self.assertEqual(rc, 0, err)
                docs[context] = json.loads(out)
            fp32, rtn = docs["fp32"], docs["rtn"]
            self.assertEqual(fp32["eval_images"], 60)
            self.assertEqual(fp32["fp32"], fp32["context_fp32_layer"])  # other layers in float
            self.assertEqual(fp32["attempt"]["bits"], 2)
            # conv1's input is the image in both contexts: the same attempt.
            self.assertEqual(fp32["attempt"]["rec_mse_hard"], rtn["attempt"]["rec_mse_hard"])
            # The rest at 3 bits costs accuracy that conv1 alone does not.
            self.assertGreater(fp32["adaround"]["top1"], rtn["adaround"]["top1"])
            self.assertIsNone(fp32["log"])

    def test_layer_lab_errors(self):
        base = ["layer", "--model", t.CNN, "--calib", t.CALIB, "--iters", "10", "--no-log"]
        self.assertFailsWith(base, 2, "--layer NAME")
        self.assertFailsWith(base + ["--layer", "conv9"], 1, "'conv9'", "conv1, conv2, conv3, fc1, fc2")
        self.assertFailsWith(base + ["--layer", "conv2", "--context", "/nonexistent/run.h5"], 1, "/nonexistent/run.h5")
        self.assertFailsWith(base + ["--layer", "conv2", "--export", "/tmp/x"], 2, "no export")

#!/usr/bin/python3
"""End-to-end tests of adaround-cli: real demo models, real image folders.

Run one case: cli_test.py CLI DEMO_DIR MODELS_DIR EXPORTS_DIR CliTest.test_name
"""
import atexit
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest

CLI, DEMO, MODELS, EXPORTS = sys.argv[1:5]
CNN = os.path.join(MODELS, "fmnist_cnn.pt")
EVAL = os.path.join(DEMO, "eval")
CALIB = os.path.join(DEMO, "calib")


# Run logs of these runs go to a throwaway data folder, not the user's.
DATA_HOME = tempfile.mkdtemp(prefix="adaround-cli-test-")
atexit.register(shutil.rmtree, DATA_HOME, True)


def run(*args, env=None, cwd=None):
    p = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=600, cwd=cwd,
                       env=dict(os.environ, XDG_DATA_HOME=DATA_HOME, **(env or {})))
    return p.returncode, p.stdout, p.stderr


def small_eval(root, per_class=10):
    """A 100-image eval folder (symlinks) so that runs end in seconds."""
    out = os.path.join(root, "eval")
    for cls in sorted(os.listdir(EVAL)):
        os.makedirs(os.path.join(out, cls))
        for name in sorted(os.listdir(os.path.join(EVAL, cls)))[:per_class]:
            os.symlink(os.path.join(EVAL, cls, name), os.path.join(out, cls, name))
    return out


def small_eval_once(root):
    """small_eval(root), made on the first call."""
    out = os.path.join(root, "eval")
    return out if os.path.isdir(out) else small_eval(root)


from cli_input_cases import InputCases  # noqa: E402  (uses the helpers above)
from cli_output_cases import OutputCases  # noqa: E402
from cli_class_cases import ClassCases, class_file  # noqa: E402
from cli_objective_cases import ObjectiveCases  # noqa: E402
from cli_study_cases import StudyCases  # noqa: E402
from cli_layer_knob_cases import LayerKnobCases  # noqa: E402
from cli_sensitivity_cases import SensitivityCases  # noqa: E402
from cli_layer_lab_cases import LayerLabCases  # noqa: E402


class CliTest(InputCases, OutputCases, ClassCases, ObjectiveCases, StudyCases, LayerKnobCases, SensitivityCases,
              LayerLabCases, unittest.TestCase):
    def assertFailsWith(self, args, code, *fragments, env=None, cwd=None):
        rc, out, err = run(*args, env=env, cwd=cwd)
        self.assertEqual(rc, code, f"stdout: {out}\nstderr: {err}")
        self.assertEqual(out, "", "nothing on stdout on failure")
        # Progress lines may precede it; the error itself is one line.
        lines = [l for l in err.strip().splitlines() if l.startswith("adaround-cli:")]
        self.assertEqual(len(lines), 1, f"one-line error expected, got: {err}")
        for f in fragments:
            self.assertIn(f, lines[0])

    def test_help_and_version(self):
        rc, out, _ = run("--help")
        self.assertEqual(rc, 0)
        self.assertIn("Exit codes", out)
        rc, out, _ = run("--version")
        self.assertEqual(rc, 0)
        self.assertIn("LibTorch", out)
        self.assertIn("HDF5", out)

    def test_inspect_json(self):
        rc, out, err = run("inspect", CNN, "--json")
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)
        layers = doc["layers"]
        self.assertEqual([l["name"] for l in layers], ["conv1", "conv2", "conv3", "fc1", "fc2"])
        for l in layers:
            self.assertEqual(set(l) >= {"name", "kind", "weight_shape", "params", "activation"}, True)
        self.assertEqual(layers[0]["weight_shape"], [16, 1, 3, 3])
        self.assertEqual(layers[3]["params"], 128 * 1568 + 128)
        self.assertEqual(layers[4]["activation"], "none")

    def test_inspect_text_table(self):
        rc, out, _ = run("inspect", os.path.join(MODELS, "fmnist_mobilenet.pt"))
        self.assertEqual(rc, 0)
        self.assertIn("18 quantizable layers", out)
        self.assertIn("Conv2d (depthwise)", out)
        self.assertIn("ReLU6", out)

    def test_rtn_json_figures(self):
        rc, out, err = run("rtn", "--model", CNN, "--eval", EVAL, "--bits", "3", "--json", "--threads", "2")
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)
        recorded = json.load(open(os.path.join(MODELS, "demo_models.json")))["fmnist_cnn"]["fp32_top1"]
        self.assertAlmostEqual(doc["fp32"]["top1"], recorded, delta=0.05)
        self.assertLess(doc["rtn"]["top1"], doc["fp32"]["top1"] + 0.3)
        self.assertGreater(doc["rtn"]["top5"], 90)
        self.assertEqual([l["bits"] for l in doc["layers"]], [8, 3, 3, 3, 8])
        self.assertEqual(doc["eval_images"], 10000)

    def test_rtn_per_layer_bits_and_text(self):
        rc, out, err = run("rtn", "--model", CNN, "--eval", CALIB, "--bits", "4",
                           "--bits-layer", "fc1=2", "--bits-layer", "conv2=fp32", "--first-last-bits", "same")
        self.assertEqual(rc, 0, err)
        self.assertIn("round-to-nearest", out)
        self.assertRegex(out, r"fc1\s+Linear\s+2")
        self.assertRegex(out, r"conv2\s+Conv2d\s+fp32")
        self.assertRegex(out, r"conv1\s+Conv2d\s+4")

    def test_missing_model(self):
        self.assertFailsWith(["rtn", "--model", "/no/such.pt", "--eval", EVAL, "--bits", "4"], 1,
                             "/no/such.pt", "no such file")

    def test_png_renamed_pt(self):
        with tempfile.TemporaryDirectory() as d:
            fake = os.path.join(d, "model.pt")
            first_class = sorted(os.listdir(EVAL))[0]
            shutil.copy(os.path.join(EVAL, first_class, sorted(os.listdir(os.path.join(EVAL, first_class)))[0]), fake)
            self.assertFailsWith(["inspect", fake], 1, "model.pt", "not a TorchScript archive")

    def test_truncated_archive(self):
        with tempfile.TemporaryDirectory() as d:
            cut = os.path.join(d, "cut.pt")
            data = open(CNN, "rb").read()
            open(cut, "wb").write(data[: len(data) // 3])
            self.assertFailsWith(["inspect", cut], 1, "cut.pt", "truncated or damaged")

    def test_no_quantizable_layer(self):
        self.assertFailsWith(["inspect", os.path.join(EXPORTS, "no_layers.pt")], 1, "no quantizable layer")

    def test_empty_folder(self):
        with tempfile.TemporaryDirectory() as d:
            self.assertFailsWith(["rtn", "--model", CNN, "--eval", d, "--bits", "4"], 1, d, "empty folder")

    def test_folder_without_class_subfolders(self):
        with tempfile.TemporaryDirectory() as d:
            open(os.path.join(d, "a.png"), "wb").write(b"x")
            self.assertFailsWith(["rtn", "--model", CNN, "--eval", d, "--bits", "4"], 1, "no class subfolders")

    def test_corrupt_images_are_skipped_and_counted(self):
        with tempfile.TemporaryDirectory() as d:
            shutil.copytree(os.path.join(CALIB, "3_Dress"), os.path.join(d, "3_Dress"))
            open(os.path.join(d, "3_Dress", "broken.png"), "wb").write(b"\x89PNG garbage")
            rc, out, err = run("rtn", "--model", CNN, "--eval", d, "--bits", "4", "--json", "--quiet",
                               "--classes", class_file(d))  # one class of ten: labelled by name
            self.assertEqual(rc, 0, err)
            doc = json.loads(out)
            self.assertEqual(doc["skipped_images"], 1)
            self.assertEqual(doc["skipped_files"][0]["file"], os.path.join(d, "3_Dress", "broken.png"))
            self.assertIn("broken.png", err)

    def test_wrong_channels(self):
        self.assertFailsWith(["rtn", "--model", CNN, "--eval", CALIB, "--bits", "4", "--preprocess", "imagenet"],
                             1, "fmnist_cnn.pt", "expects 1-channel")

    def test_wrong_size(self):
        self.assertFailsWith(["rtn", "--model", CNN, "--eval", CALIB, "--bits", "4", "--resize", "32"],
                             1, "fmnist_cnn.pt", "does not accept 1x32x32")

    def test_bits_out_of_range(self):
        self.assertFailsWith(["rtn", "--model", CNN, "--eval", EVAL, "--bits", "9"], 2, "--bits", "between 2 and 8")
        self.assertFailsWith(["rtn", "--model", CNN, "--eval", EVAL, "--bits", "4", "--bits-layer", "fc1=1"], 2,
                             "between 2 and 8")

    def test_unknown_layer(self):
        self.assertFailsWith(["rtn", "--model", CNN, "--eval", EVAL, "--bits", "4", "--bits-layer", "conv9=4"], 1,
                             "no layer named 'conv9'", "conv1")

    def test_usage_errors(self):
        self.assertFailsWith(["rtn", "--model", CNN], 2, "--eval is required")
        self.assertFailsWith(["frobnicate"], 2, "unknown command")
        self.assertFailsWith(["rtn", "--bogus"], 2, "unknown option --bogus")

    def test_run_json_and_export(self):
        with tempfile.TemporaryDirectory() as d:
            out_dir = os.path.join(d, "export")
            rc, out, err = run("run", "--model", CNN, "--calib", CALIB, "--eval", EVAL, "--bits", "3",
                               "--iters", "100", "--eval-subset", "200", "--json", "--quiet", "--export", out_dir)
            self.assertEqual(rc, 0, err)
            doc = json.loads(out)
            for key in ("fp32", "rtn", "adaround"):
                self.assertEqual(set(doc[key]), {"top1", "top5"})
            self.assertEqual([l["name"] for l in doc["layers"]], ["conv1", "conv2", "conv3", "fc1", "fc2"])
            self.assertEqual([p["layers_done"] for p in doc["progress"]], [0, 1, 2, 3, 4, 5])  # from before the first layer
            self.assertEqual(doc["subset_baseline"]["images"], 200)
            self.assertEqual(doc["progress"][0]["adaround_top1"], doc["subset_baseline"]["fp32"]["top1"])
            self.assertGreaterEqual(doc["adaround"]["top1"], doc["rtn"]["top1"] - 0.2)
            check = subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "check_export.py"),
                                    out_dir, EVAL, str(doc["adaround"]["top1"])],
                                   capture_output=True, text=True, timeout=600)
            self.assertEqual(check.returncode, 0, check.stdout + check.stderr)

    def test_run_act_bits_export(self):
        # 4-bit activations: a visible effect, carried into the exported TorchScript.
        with tempfile.TemporaryDirectory() as d:
            out_dir = os.path.join(d, "export")
            common = ["run", "--model", CNN, "--calib", CALIB, "--eval", EVAL, "--bits", "4",
                      "--iters", "50", "--eval-subset", "0", "--json", "--quiet"]
            rc, out, err = run(*common, "--act-bits", "4", "--export", out_dir)
            self.assertEqual(rc, 0, err)
            quantized = json.loads(out)
            self.assertEqual(quantized["config"]["act_bits"], 4)
            rc, out, err = run(*common)
            self.assertEqual(rc, 0, err)
            weights_only = json.loads(out)
            self.assertEqual(quantized["fp32"], weights_only["fp32"])
            self.assertNotEqual(quantized["rtn"]["top1"], weights_only["rtn"]["top1"])
            check = subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "check_export.py"),
                                    out_dir, EVAL, str(quantized["adaround"]["top1"]), "--act-bits", "4"],
                                   capture_output=True, text=True, timeout=600)
            self.assertEqual(check.returncode, 0, check.stdout + check.stderr)

    def test_run_keeps_rtn_when_hard_rounding_is_worse(self):
        # A real depthwise 3x3 conv on 1x1 feature maps (only the centre tap sees
        # data), driven with an unstable learning rate (10; at 1e-3..3 AdaRound beats
        # nearest on this layer, 2.5e-4 vs 2.7e-4): its hard rounding
        # ends worse than nearest, so the engine must keep RTN's, say so in the
        # JSON and the table, and export nearest codes.
        import numpy as np
        model = os.path.join(EXPORTS, "depthwise_1x1.pt")
        common = ["run", "--model", model, "--calib", CALIB, "--eval", EVAL, "--bits", "2",
                  "--first-last-bits", "2", "--rtn-layer", "stem", "--rtn-layer", "fc",
                  "--iters", "200", "--lr", "10", "--eval-subset", "0"]
        with tempfile.TemporaryDirectory() as d:
            rc, out, err = run(*common, "--json", "--quiet", "--export", d)
            self.assertEqual(rc, 0, err)
            layer = {l["name"]: l for l in json.loads(out)["layers"]}["depthwise"]
            self.assertTrue(layer["kept_rtn"], layer)
            self.assertGreater(layer["rec_mse_hard"], layer["rec_mse_rtn"])
            codes = np.load(os.path.join(d, "weights", "001_depthwise.codes.npy")).astype(np.float64)
            scale = np.load(os.path.join(d, "weights", "001_depthwise.scale.npy")).reshape(-1, 1, 1, 1)
            zero = np.load(os.path.join(d, "weights", "001_depthwise.zero_point.npy")).reshape(-1, 1, 1, 1)
            import torch
            w = torch.jit.load(model).depthwise.weight.detach().numpy().astype(np.float64)
            nearest = np.clip(np.round(w / scale) + zero, 0, 3)
            self.assertTrue(np.array_equal(codes, nearest))
        rc, out, err = run(*common, "--threads", "2")
        self.assertEqual(rc, 0, err)
        row = [l for l in out.splitlines() if l.startswith("depthwise")]
        self.assertIn("kept RTN", row[0])

    def test_run_export_not_writable(self):
        self.assertFailsWith(["run", "--model", CNN, "--calib", CALIB, "--eval", EVAL, "--export", "/proc/nope"],
                             1, "/proc/nope", "export folder")

    def test_run_bad_knobs(self):
        base = ["run", "--model", CNN, "--calib", CALIB, "--eval", EVAL]
        self.assertFailsWith(base + ["--iters", "0"], 2, "--iters")
        self.assertFailsWith(base + ["--lambda", "-1"], 2, "lambda")
        self.assertFailsWith(base + ["--beta", "2:20"], 2, "beta end")
        self.assertFailsWith(base + ["--warmup", "1.5"], 2, "warmup must be between 0 and 0.999")
        self.assertFailsWith(base + ["--schedule", "exp"], 2, "--schedule", "linear or cosine")
        self.assertFailsWith(base + ["--seed", "-1"], 2, "--seed", "18446744073709551615")
        self.assertFailsWith(base + ["--beta", "20:2", "--beta-end", "1"], 2, "--beta")
        self.assertFailsWith(base + ["--symmetric=maybe"], 2, "--symmetric", "true or false")

    def test_run_calibration_smaller_than_batch(self):
        with tempfile.TemporaryDirectory() as d:
            os.makedirs(os.path.join(d, "a"))
            for name in sorted(os.listdir(os.path.join(CALIB, "3_Dress")))[:10]:
                shutil.copy(os.path.join(CALIB, "3_Dress", name), os.path.join(d, "a"))
            self.assertFailsWith(["run", "--model", CNN, "--calib", d, "--eval", EVAL, "--quiet"], 1,
                                 "10 calibration images, fewer than the batch size 32")

    def test_run_save_and_load_config(self):
        with tempfile.TemporaryDirectory() as d:
            cfg = os.path.join(d, "run.json")
            rc, _, err = run("run", "--model", CNN, "--calib", CALIB, "--eval", EVAL, "--iters", "5",
                             "--lambda", "0.02", "--schedule", "cosine", "--eval-subset", "0", "--quiet",
                             "--save-config", cfg)
            self.assertEqual(rc, 0, err)
            saved = json.load(open(cfg))
            self.assertEqual(saved["iterations"], 5)
            rc, out, err = run("run", "--config", cfg, "--bits", "3", "--json", "--quiet")
            self.assertEqual(rc, 0, err)
            used = json.loads(out)["config"]
            self.assertEqual(used["iterations"], 5)
            self.assertEqual(used["lambda"], 0.02)
            self.assertEqual(used["schedule"], "cosine")
            self.assertEqual(used["bits"], 3)
            open(cfg, "w").write('{"iterations": 5, "lamda": 1}')
            self.assertFailsWith(["run", "--config", cfg], 2, "run.json", "unknown setting 'lamda'")

    def test_missing_value_is_a_usage_error(self):
        # "--log --quiet" once wrote a log file named "--quiet"; now --quiet is an option, not a value.
        base = ["run", "--model", CNN, "--calib", CALIB, "--eval", EVAL]
        with tempfile.TemporaryDirectory() as d:
            self.assertFailsWith(base + ["--log", "--quiet"], 2, "--log", "--quiet", cwd=d)
            self.assertEqual(os.listdir(d), [], "no file may be written")
            self.assertFailsWith(base + ["--export", "-q"], 2, "--export", cwd=d)
            self.assertEqual(os.listdir(d), [])
        self.assertFailsWith(base + ["--iters"], 2, "--iters")
        self.assertFailsWith(base + ["--iters", "--json"], 2, "--iters", "--json")
        self.assertFailsWith(["rtn", "--model", CNN, "--eval", EVAL, "--bits"], 2, "--bits")
        self.assertFailsWith(["rtn", "--model", "--eval", EVAL, "--bits", "4"], 2, "--model", "--eval")

    def test_malformed_numbers_name_the_option(self):
        base = ["run", "--model", CNN, "--calib", CALIB, "--eval", EVAL]
        self.assertFailsWith(base + ["--lr", "1,5"], 2, "--lr", "'1,5' is not a number")
        self.assertFailsWith(base + ["--learning-rate=0.1x"], 2, "--lr", "'0.1x'")
        self.assertFailsWith(base + ["--iters", "1e3"], 2, "--iters", "whole number")
        self.assertFailsWith(base + ["--seed", "18446744073709551616"], 2, "--seed")
        self.assertFailsWith(base + ["--beta", "20,5:2"], 2, "--beta", "START:END")
        self.assertFailsWith(base + ["--threads", "2.5"], 2, "--threads")
        self.assertFailsWith(["rtn", "--model", CNN, "--eval", EVAL, "--bits", "4", "--mean", "0,5"], 1,
                             "got 2")  # two numbers for a 1-channel model: a list, not 0.5
        self.assertFailsWith(["rtn", "--model", CNN, "--eval", EVAL, "--bits", "4", "--batch", "x"], 2,
                             "--batch", "'x'")

    def test_command_help_lists_knobs(self):
        rc, out, err = run("run", "--help")
        self.assertEqual(rc, 0, err)
        out = " ".join(out.split())  # help texts are wrapped
        # Knobs from every group of the table, with help text, range and default.
        for fragment in ("--iters,--iterations INT", "Adam steps per layer", "between 1 and 10000000 iterations",
                         "default 10000", "--lr,--learning-rate NUMBER", "between 1e-12 and 100", "default 0.001",
                         "--schedule linear|cosine", "--per-channel,--per-tensor{false}", "--seed UINT64",
                         "0 to 18446744073709551615", "--threads INT", "default all cores", "--histogram-bins INT",
                         "--preprocess auto|fmnist|imagenet", "--beta START:END", "--bits-layer NAME=B",
                         "--rtn-layer NAME", "--config FILE", "--save-config FILE", "--export DIR", "--log FILE",
                         "--no-log", "--json", "--quiet", "--channels", "Optimisation:", "Observation:"):
            self.assertIn(fragment, out)
        rc, out, err = run("rtn", "--model", CNN, "--help")
        self.assertEqual(rc, 0, err)
        self.assertIn("--bits INT REQUIRED", out)
        self.assertIn("evaluation batch size", out)
        self.assertNotIn("--iters", out)  # rtn offers only the knobs it uses
        for args in (["inspect", "--help"], ["log", "info", "--help"], ["log", "export-csv", "-h"]):
            rc, out, err = run(*args)
            self.assertEqual(rc, 0, err)
            self.assertIn("Usage: adaround-cli " + " ".join(args[:-1]), out)

    def test_full_range_seed_and_new_knob_options(self):
        with tempfile.TemporaryDirectory() as d:
            cfg = os.path.join(d, "saved.json")
            rc, out, err = run("run", "--model", CNN, "--calib", CALIB, "--eval", small_eval(d), "--bits", "3",
                               "--iters", "5", "--calib-size", "64", "--eval-subset", "0", "--no-log", "--quiet",
                               "--json", "--threads", "2", "--seed", "18446744073709551615", "--per-tensor",
                               "--symmetric", "--beta-start", "16", "--histogram-bins", "20",
                               "--fused-kernels=false", "--save-config", cfg)
            self.assertEqual(rc, 0, err)
            for used in (json.loads(out)["config"], json.load(open(cfg))):
                self.assertEqual(used["seed"], 18446744073709551615)
                self.assertEqual(used["per_channel"], False)
                self.assertEqual(used["symmetric"], True)
                self.assertEqual(used["beta_start"], 16)
                self.assertEqual(used["histogram_bins"], 20)
                self.assertEqual(used["fused_kernels"], False)

    def test_numbers_ignore_the_locale(self):
        # A German locale writes 0,0005: options and --config files must still read 0.0005.
        import locale
        try:
            locale.setlocale(locale.LC_ALL, "de_DE.UTF-8")
        except locale.Error:
            self.fail("the de_DE.UTF-8 locale is missing (scripts/install-deps.sh generates it)")
        finally:
            locale.setlocale(locale.LC_ALL, "C")
        german = {"LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8"}
        with tempfile.TemporaryDirectory() as d:
            base = os.path.join(d, "base.json")
            json.dump({"model": CNN, "calib": CALIB, "eval": small_eval(d), "warmup": 0.25, "beta_end": 1.5,
                       "iterations": 5, "calib_size": 64, "eval_subset": 0}, open(base, "w"))
            saved = os.path.join(d, "saved.json")
            rc, out, err = run("run", "--config", base, "--lr", "0.0005", "--lambda", "0.015", "--beta",
                               "10.5:1.25", "--save-config", saved, "--json", "--quiet", "--no-log",
                               "--threads", "2", env=german)
            self.assertEqual(rc, 0, err)
            for used in (json.load(open(saved)), json.loads(out)["config"]):
                self.assertEqual(used["learning_rate"], 0.0005)
                self.assertEqual(used["lambda"], 0.015)
                self.assertEqual(used["beta_start"], 10.5)
                self.assertEqual(used["beta_end"], 1.25)
                self.assertEqual(used["warmup"], 0.25)
                self.assertEqual(used["iterations"], 5)
            self.assertIn('"learning_rate":0.0005', open(saved).read())
            # The locale's own spelling is not a number here.
            self.assertFailsWith(["run", "--config", base, "--lr", "0,0005"], 2, "--lr", "'0,0005'", env=german)



if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]] + sys.argv[5:])

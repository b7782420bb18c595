"""Per-layer knobs (--layer-set NAME.KEY=VALUE) and the paper's design choices
(--recon-input, --recon-target, --relaxation) on real short runs of the demo CNN."""
import json
import os
import tempfile

import h5py

import __main__ as t  # cli_test.py

SHORT = ["--bits", "3", "--iters", "100", "--calib-size", "64", "--eval-subset", "0", "--seed", "3", "--json",
         "--quiet"]


def short_run(d, *extra):
    log = os.path.join(d, f"run{len(os.listdir(d))}.h5")
    rc, out, err = t.run("run", "--model", t.CNN, "--calib", t.CALIB, "--eval", t.small_eval_once(d), *SHORT,
                         "--log", log, *extra)
    return rc, out, err, log


class LayerKnobCases:
    def test_layer_set_errors_name_the_layer_and_the_knob(self):
        base = ["run", "--model", t.CNN, "--calib", t.CALIB, "--eval", t.EVAL]
        self.assertFailsWith(base + ["--layer-set", "conv1=3"], 2, "--layer-set", "NAME.KEY=VALUE")
        self.assertFailsWith(base + ["--layer-set", "conv1.lamda=0.1"], 2, "layer conv1", "unknown knob 'lamda'")
        self.assertFailsWith(base + ["--layer-set", "conv1.threads=2"], 2, "layer conv1",
                             "threads cannot be set per layer")
        self.assertFailsWith(base + ["--layer-set", "conv1.lambda=-1"], 2, "layer conv1", "lambda must be between")
        self.assertFailsWith(base + ["--layer-set", "conv1.relaxation=magic"], 2, "layer conv1", "relaxation")
        self.assertFailsWith(base + ["--layer-set", "conv1.beta-end=40"], 2, "layer conv1", "beta end (40)")
        # A layer the model does not have: at run start, with the model's layer names.
        self.assertFailsWith(base + ["--iters", "10", "--layer-set", "conv9.lr=0.01"], 1, "'conv9'",
                             "conv1, conv2, conv3, fc1, fc2")

    def test_layer_set_reaches_the_engine_and_the_log(self):
        with tempfile.TemporaryDirectory() as d:
            rc, out, err, log = short_run(d, "--layer-set", "conv1.iterations=50", "--layer-set", "fc1.lambda=0.05",
                                          "--bits-layer", "fc2=4")
            self.assertEqual(rc, 0, err)
            doc = json.loads(out)
            self.assertEqual(doc["config"]["layers"], {"conv1": {"iterations": 50}, "fc1": {"lambda": 0.05}})
            with h5py.File(log, "r") as f:
                config = json.loads(f["config"].attrs["json"])
                self.assertEqual(config["layers"]["conv1"], {"iterations": 50})
                self.assertEqual(config["bits_layer"], {"fc2": 4})
                self.assertEqual(json.loads(f["config"].attrs["layers"])["fc1"], {"lambda": 0.05})
                overrides = [s.decode() if isinstance(s, bytes) else s for s in f["model/layer_table/overrides"][:]]
                self.assertEqual(overrides, ["iterations=50", "", "", "lambda=0.05", "bits=4"])
                iters = {g.attrs["name"]: (int(g.attrs["iterations"]), int(g["iteration"][-1]))
                         for g in f["layers"].values()}
            self.assertEqual(iters["conv1"], (50, 50))
            for name in ("conv2", "conv3", "fc1", "fc2"):
                self.assertEqual(iters[name], (100, 100), name)
            # The log reads back with its overrides.
            rc, out, err = t.run("log", "info", log, "--json")
            self.assertEqual(rc, 0, err)
            self.assertEqual(json.loads(out)["config"]["layers"]["conv1"], {"iterations": 50})

    def test_design_choices_change_what_is_reconstructed(self):
        with tempfile.TemporaryDirectory() as d:
            runs = {}
            for name, extra in {"default": [], "float": ["--recon-input", "float"],
                                "pre": ["--recon-target", "pre"], "ste": ["--relaxation", "ste"],
                                "mixed": ["--layer-set", "conv2.relaxation=sigmoid-temperature",
                                          "--layer-set", "conv3.recon-target=pre"]}.items():
                rc, out, err, log = short_run(d, *extra)
                self.assertEqual(rc, 0, f"{name}: {err}")
                runs[name] = (json.loads(out), log)
            default = {l["name"]: l for l in runs["default"][0]["layers"]}
            for name, key, value in (("float", "recon_input", "float"), ("pre", "recon_target", "pre"),
                                     ("ste", "relaxation", "ste")):
                doc, log = runs[name]
                self.assertEqual(doc["config"][key], value)
                with h5py.File(log, "r") as f:
                    attr = f["config"].attrs[key]
                    self.assertEqual(attr.decode() if isinstance(attr, bytes) else attr, value)
                layers = {l["name"]: l for l in doc["layers"]}
                # conv1 sees the images themselves (x^ = x): the input choice shows from conv2 on.
                first = "conv2" if name == "float" else "conv1"
                self.assertNotEqual(layers[first]["rec_mse_soft"], default[first]["rec_mse_soft"], name)
                self.assertEqual(layers["conv1"]["rec_mse_rtn"], default["conv1"]["rec_mse_rtn"], name)
            ste = runs["ste"][0]["layers"]
            self.assertTrue(all(l["settled_share"] == 1.0 for l in ste), "STE's forward rounding is hard")
            mixed = {l["name"]: l for l in runs["mixed"][0]["layers"]}
            self.assertEqual(mixed["conv1"]["rec_mse_hard"], default["conv1"]["rec_mse_hard"])
            self.assertNotEqual(mixed["conv2"]["rec_mse_soft"], default["conv2"]["rec_mse_soft"])

    def test_ablate_default_variant_reproduces_run(self):
        with tempfile.TemporaryDirectory() as d:
            args = ["--model", t.CNN, "--calib", t.CALIB, "--eval", t.small_eval_once(d), "--bits", "3", "--iters",
                    "60", "--calib-size", "64", "--eval-subset", "0", "--seed", "5", "--json", "--quiet"]
            rc, out, err = t.run("ablate", *args, "--seeds", "2", "--variants", "default,ste,rtn")
            self.assertEqual(rc, 0, err)
            doc = json.loads(out)
            self.assertEqual(doc["seeds"], [5, 6])
            variants = {v["name"]: v for v in doc["variants"]}
            self.assertEqual(list(variants), ["default", "ste", "rtn"])
            self.assertTrue(variants["default"]["default"])
            self.assertFalse(variants["ste"]["default"])
            for v in variants.values():
                self.assertEqual(len(v["top1"]), 2)
                self.assertAlmostEqual(v["mean"], sum(v["top1"]) / 2)
                self.assertGreaterEqual(v["std"], 0)
            self.assertIsNone(variants["rtn"]["rec_mse"])
            self.assertGreater(variants["default"]["rec_mse"], 0)
            rc, out, err = t.run("run", *args, "--no-log")
            self.assertEqual(rc, 0, err)
            self.assertEqual(variants["default"]["top1"][0], json.loads(out)["adaround"]["top1"])
            self.assertEqual(variants["rtn"]["top1"][0], json.loads(out)["rtn"]["top1"])
            self.assertFailsWith(["ablate", *args, "--variants", "default,magic"], 2, "unknown variant 'magic'")

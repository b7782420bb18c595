"""adaround-cli cases on `sensitivity`: the per-layer table of the demo CNN on the
small eval folder (JSON shape, plausible figures), a mixed-precision plan within
its budget written with --apply and run with `run --config`, the text table, and
the usage errors. Mixed into cli_test.CliTest, whose helpers (run) and paths it
uses; run through cli_test.py.
"""
import json
import os
import tempfile

import __main__ as t  # cli_test.py

LAYERS = ["conv1", "conv2", "conv3", "fc1", "fc2"]


def load(path):
    with open(path) as f:
        return json.load(f)


def sensitivity(*extra):
    return t.run("sensitivity", "--model", t.CNN, "--eval", t.EVAL, "--eval-subset", "0", *extra)


class SensitivityCases:
    def test_sensitivity_json_plan_and_apply(self):
        with tempfile.TemporaryDirectory() as d:
            cfg = os.path.join(d, "plan.json")
            rc, out, err = sensitivity("--bits", "2,4,8", "--calib", t.CALIB, "--budget-bits", "4",
                                       "--apply", cfg, "--json", "--quiet")
            self.assertEqual(rc, 0, err)
            doc = json.loads(out)
            self.assertEqual(doc["eval_images"], 300)
            fp32 = doc["fp32_top1"]
            self.assertGreater(fp32, 85)
            self.assertEqual([l["name"] for l in doc["layers"]], LAYERS)
            for l in doc["layers"]:
                self.assertEqual(set(l["bits"]), {"2", "4", "8"})
                for b in l["bits"].values():
                    self.assertEqual(set(b) >= {"top1", "drop", "mse", "others_quantized_top1"}, True)
                    self.assertAlmostEqual(b["drop"], fp32 - b["top1"], places=6)
                self.assertLessEqual(abs(l["bits"]["8"]["drop"]), 1.0, l["name"])  # 3 images of 300
                self.assertGreaterEqual(l["bits"]["2"]["drop"], -1.0, l["name"])   # noise at most
                self.assertGreater(l["bits"]["2"]["mse"], l["bits"]["4"]["mse"], l["name"])
                self.assertGreater(l["bits"]["4"]["mse"], l["bits"]["8"]["mse"], l["name"])
            weights = {l["name"]: l["weights"] for l in doc["layers"]}

            plan = doc["plan"]
            self.assertEqual(set(plan["bits"]), set(LAYERS))
            size = sum(weights[n] * b for n, b in plan["bits"].items())
            self.assertEqual(plan["size_bits"], size)
            self.assertLessEqual(size, 4 * sum(weights.values()))
            self.assertLessEqual(plan["average_bits"], 4)
            self.assertGreater(plan["average_bits"], 3.5)  # the budget is used, not wasted
            predicted = fp32 - sum(max(0, next(l for l in doc["layers"] if l["name"] == n)["bits"][str(b)]["drop"])
                                   for n, b in plan["bits"].items())
            self.assertAlmostEqual(plan["predicted_top1"], predicted, places=6)
            self.assertEqual(plan["config"], cfg)

            saved = load(cfg)
            self.assertEqual(saved["bits_layer"], plan["bits"])
            self.assertEqual(saved["model"], t.CNN)
            self.assertEqual(saved["calib"], t.CALIB)
            rc, out, err = t.run("run", "--config", cfg, "--iters", "20", "--calib-size", "64", "--no-log",
                                 "--json", "--quiet")
            self.assertEqual(rc, 0, err)
            ran = json.loads(out)
            self.assertEqual({l["name"]: l["bits"] for l in ran["layers"]}, plan["bits"])
            # The run's RTN is the plan at round-to-nearest on the same 300 images.
            self.assertAlmostEqual(ran["rtn"]["top1"], plan["measured_top1"], places=6)

            # --apply on an existing configuration replaces its bits and keeps the rest.
            saved["iterations"] = 7
            with open(cfg, "w") as f:
                json.dump(saved, f)
            # Every layer at 4 bits is 105.4 KB, at 8 bits 210.9 KB.
            rc, out, err = sensitivity("--bits", "4,8", "--eval-subset", "50", "--budget-kb", "150", "--apply", cfg,
                                       "--json", "--quiet")
            self.assertEqual(rc, 0, err)
            plan = json.loads(out)["plan"]
            self.assertLessEqual(plan["size_bits"], 150 * 1024 * 8)
            self.assertGreater(plan["size_bits"], 106 * 1024 * 8)
            again = load(cfg)
            self.assertEqual(again["iterations"], 7)
            self.assertEqual(again["bits_layer"], plan["bits"])

    def test_sensitivity_text_table_and_errors(self):
        rc, out, err = sensitivity("--bits", "2", "--eval-subset", "100", "--budget-bits", "2")
        self.assertEqual(rc, 0, err)
        self.assertIn("eval images: 100 of 300", out)
        self.assertIn("2b drop", out)
        self.assertIn("2b rest top-1", out)
        self.assertIn("mixed-precision plan", out)
        self.assertIn("measured top-1", out)
        for name in LAYERS:
            self.assertIn(name, out)
        base = ["sensitivity", "--model", t.CNN, "--eval", t.EVAL]
        self.assertFailsWith(base + ["--bits", "2,9"], 2, "--bits")
        self.assertFailsWith(base, 2, "--bits")
        self.assertFailsWith(base + ["--bits", "4", "--apply", "x.json"], 2, "--apply", "budget")
        self.assertFailsWith(base + ["--bits", "4", "--budget-bits", "3", "--budget-kb", "9"], 2, "one budget")
        self.assertFailsWith(base + ["--bits", "4", "--bits-layer", "fc1=2"], 2, "--bits-layer")
        self.assertFailsWith(base + ["--bits", "4", "--adaround"], 2, "--adaround", "--calib")
        self.assertFailsWith(base + ["--bits", "4,8", "--budget-bits", "3", "--eval-subset", "20", "--quiet"], 1,
                             "smallest plan")

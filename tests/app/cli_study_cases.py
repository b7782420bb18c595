"""adaround-cli study: the stochastic-rounding study end to end on the small demo.
Mixed into cli_test.CliTest, whose helpers (run) and paths it uses; run through cli_test.py.
"""
import json
import os
import tempfile

import __main__ as t  # cli_test.py: run() and the paths


class StudyCases:
    def test_study_stochastic_json_and_log(self):
        with tempfile.TemporaryDirectory() as d:
            log = os.path.join(d, "study.h5")
            args = ["study", "stochastic", "--model", t.CNN, "--calib", t.CALIB, "--eval", t.EVAL, "--layer", "conv1",
                    "--bits", "3", "--samples", "4", "--eval-subset", "100", "--calib-size", "128", "--seed", "5",
                    "--threads", "2", "--log", log]
            rc, out, err = t.run(*args, "--json", "--quiet")
            self.assertEqual(rc, 0, err)
            doc = json.loads(out)
            for key in ("samples", "rtn", "adaround", "better_than_rtn", "correlation_top1_rec_mse", "fp32_top1",
                        "layer", "bits", "seed", "eval_images", "config", "log"):
                self.assertIn(key, doc)
            self.assertEqual(doc["status"], "completed")
            self.assertEqual((doc["layer"], doc["bits"], doc["eval_images"]), ("conv1", 3, 100))
            self.assertIsNone(doc["adaround"])  # not asked
            samples = doc["samples"]
            self.assertEqual(len(samples), 4)
            self.assertEqual([s["seed"] for s in samples], [5, 6, 7, 8])
            for s in samples:
                self.assertTrue({"top1", "rec_mse"} <= set(s))
            rtn = doc["rtn"]["top1"]
            self.assertAlmostEqual(doc["better_than_rtn"], sum(s["top1"] > rtn for s in samples) / 4)
            self.assertEqual(doc["best_top1"], max(s["top1"] for s in samples))
            self.assertEqual(doc["log"], log)
            # The log reads back as the same study; a second study never overwrites it.
            rc, shown, err = t.run("study", "show", log, "--json")
            self.assertEqual(rc, 0, err)
            back = json.loads(shown)
            self.assertEqual(back["samples"], samples)
            self.assertEqual(back["better_than_rtn"], doc["better_than_rtn"])
            self.assertFailsWith(args, 1, "never overwritten")
            # log info names what the file is instead of failing obscurely.
            self.assertFailsWith(["log", "info", log], 1, "study log, not a run log")
            # Without --json: a readable summary.
            rc, text, err = t.run("study", "show", log)
            self.assertEqual(rc, 0, err)
            self.assertIn("better than nearest", text)
            self.assertIn("<- nearest", text)

    def test_study_stochastic_with_adaround_and_errors(self):
        rc, out, err = t.run("study", "stochastic", "--model", t.CNN, "--calib", t.CALIB, "--eval", t.EVAL,
                           "--layer", "fc2", "--bits", "2", "--samples", "2", "--eval-subset", "60",
                           "--calib-size", "64", "--with-adaround", "--iters", "60", "--no-log", "--json", "--quiet")
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)
        self.assertLessEqual(doc["adaround"]["rec_mse"], doc["rtn"]["rec_mse"])
        self.assertIsNone(doc["log"])
        base = ["study", "stochastic", "--model", t.CNN, "--calib", t.CALIB, "--eval", t.EVAL, "--no-log"]
        self.assertFailsWith(base + ["--layer", "conv9"], 1, "no layer named 'conv9'", "conv1, conv2")
        self.assertFailsWith(base + ["--layer", "conv1", "--bits", "9"], 2, "--bits")
        self.assertFailsWith(base + ["--layer", "conv1", "--samples", "0"], 2, "--samples")
        self.assertFailsWith(base + ["--layer", "conv1", "--bits-layer", "conv1=4"], 2, "--bits-layer")
        self.assertFailsWith(base[:2] + ["--model", t.CNN], 2, "required")
        self.assertFailsWith(["study"], 2, "stochastic or show")

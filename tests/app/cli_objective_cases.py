"""adaround-cli cases on `--objective auto`: which layers of a real model chose the
exact second-moment objective, and that the choice is shown in the terminal,
the --json output and the run log. Mixed into cli_test.CliTest, whose helpers
(run) and paths it uses; run through cli_test.py.
"""
import json
import os
import re
import tempfile

import __main__ as t  # cli_test.py

MOBILENET = os.path.join(t.MODELS, "fmnist_mobilenet.pt")
# Its 1x1 linear projections: no activation after them (BN, then the residual add).
PROJECTIONS = {f"features.{i}.conv.2" for i in range(1, 6)}


def auto_run_args(*extra):
    return ["run", "--model", MOBILENET, "--calib", t.CALIB, "--eval", t.EVAL, "--calib-size", "256",
            "--eval-subset", "0", "--objective", "auto", *extra]


class ObjectiveCases:
    def test_objective_auto_chooses_exact_where_exact_and_cheaper(self):
        rc, out, _ = t.run("inspect", MOBILENET, "--json")
        self.assertEqual(rc, 0)
        activation = {l["name"]: l["activation"] for l in json.loads(out)["layers"]}
        self.assertEqual({n for n, a in activation.items() if a == "none"}, PROJECTIONS | {"classifier"})
        with tempfile.TemporaryDirectory() as d:
            log = os.path.join(d, "run.h5")
            # 300 iterations on 256 images: the projections' moments (once) cost less
            # than 300 minibatch steps; the classifier's minibatch step (32 x 128 -> 10)
            # is cheaper than its exact step (10 x 128 x 128) at any count.
            rc, out, err = t.run(*auto_run_args("--iters", "300", "--json", "--log", log))
            self.assertEqual(rc, 0, err)
            doc = json.loads(out)
            self.assertEqual(doc["config"]["objective"], "auto")
            chosen = {l["name"]: l["objective"] for l in doc["layers"]}
            self.assertEqual(set(chosen), set(activation))
            self.assertEqual({n for n, o in chosen.items() if o == "exact"}, PROJECTIONS)
            self.assertTrue(all(chosen[n] == "paper" for n, a in activation.items() if a != "none"))
            # The terminal's per-layer lines.
            for name, objective in chosen.items():
                line = [l for l in err.splitlines() if re.match(r"\[\d+/\d+\] " + re.escape(name) + ":", l)]
                self.assertEqual(len(line), 1, err)
                self.assertIn(f", {objective} objective,", line[0])
            # The run log: per layer, in `log info --json` and its table.
            rc, out, err = t.run("log", "info", log, "--json")
            self.assertEqual(rc, 0, err)
            info = json.loads(out)
            self.assertEqual(info["config"]["objective"], "auto")
            self.assertEqual({l["name"]: l["objective"] for l in info["layers"]}, chosen)
            rc, out, err = t.run("log", "info", log)
            self.assertEqual(rc, 0, err)
            header = next(l for l in out.splitlines() if l.startswith("layer "))
            self.assertIn("objective", header.split())
            for name, objective in chosen.items():
                row = next(l for l in out.splitlines() if l.split()[:1] == [name])
                self.assertEqual(row.split()[2], objective, row)
        # At one iteration the moments never pay: the minibatch objective everywhere.
        rc, out, err = t.run(*auto_run_args("--iters", "1", "--json", "--quiet", "--no-log"))
        self.assertEqual(rc, 0, err)
        self.assertEqual({l["objective"] for l in json.loads(out)["layers"]}, {"paper"})

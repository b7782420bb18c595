"""adaround-cli cases on what it is given: skipped images, layers left in float,
float64 models, automatic preprocessing. Mixed into cli_test.CliTest, whose
helpers (run, small_eval) and paths it uses; run through cli_test.py.
"""
import json
import os
import shutil
import struct
import tempfile
import zlib

import __main__ as t  # cli_test.py
from cli_class_cases import class_file


class InputCases:
    def test_run_names_skipped_images_in_terminal_json_and_log(self):
        # Empty, text-as-PNG and 30000x30000-header files among the calibration images,
        # and a truncated PNG among the evaluation images (met only while the final
        # evaluation streams them): skipped and named in stderr, --json and the run
        # log; the header is never decoded.
        import h5py
        with tempfile.TemporaryDirectory() as d:
            calib = os.path.join(d, "calib")
            shutil.copytree(os.path.join(t.CALIB, "3_Dress"), os.path.join(calib, "3_Dress"))
            open(os.path.join(calib, "3_Dress", "empty.png"), "wb").close()
            open(os.path.join(calib, "3_Dress", "notes.png"), "w").write("not an image\n")
            ihdr = b"IHDR" + struct.pack(">IIBBBBB", 30000, 30000, 8, 0, 0, 0, 0)
            with open(os.path.join(calib, "3_Dress", "huge.png"), "wb") as f:
                f.write(b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + ihdr + struct.pack(">I", zlib.crc32(ihdr)))
            ev = t.small_eval(d, 2)
            first = sorted(os.listdir(os.path.join(ev, "3_Dress")))[0]
            with open(os.path.join(ev, "3_Dress", first), "rb") as f:
                head = f.read(40)
            truncated = os.path.join(ev, "3_Dress", "truncated.png")
            with open(truncated, "wb") as f:
                f.write(head)
            log = os.path.join(d, "run.h5")
            rc, out, err = t.run("run", "--model", t.CNN, "--calib", calib, "--eval", ev,
                                 "--bits", "4", "--iters", "20", "--calib-size", "1024", "--eval-subset", "0",
                                 "--json", "--quiet", "--log", log,
                                 "--classes", class_file(d))  # one class of ten: labelled by name
            self.assertEqual(rc, 0, err)
            doc = json.loads(out)
            self.assertEqual(doc["skipped_images"], 4)
            self.assertEqual([s["file"] for s in doc["skipped_files"]["eval"]], [truncated])
            self.assertEqual(doc["eval_images"], 20)  # 2 per class, the truncated one left out
            self.assertIn(truncated + ": ", err)
            skipped = {os.path.basename(s["file"]): s["reason"] for s in doc["skipped_files"]["calib"]}
            self.assertEqual(set(skipped), {"empty.png", "notes.png", "huge.png"})
            self.assertIn("30000x30000", skipped["huge.png"])
            self.assertIn("not an image", skipped["notes.png"])
            self.assertEqual(doc["calib_images"], len(os.listdir(os.path.join(calib, "3_Dress"))) - 3)
            for name in ("empty.png", "notes.png", "huge.png"):
                self.assertIn(os.path.join(calib, "3_Dress", name) + ": ", err)
            with h5py.File(log, "r") as f:
                data = f["data"]
                self.assertEqual(data.attrs["calib_skipped"], 3)
                self.assertEqual(data.attrs["eval_skipped"], 1)
                self.assertEqual(data.attrs["eval_images"], 20)
                files = [os.path.basename(x.decode()) for x in data["skipped_files"][()]][:3]
                reasons = [x.decode() for x in data["skipped_reasons"][()]]
                self.assertEqual(sorted(files), ["empty.png", "huge.png", "notes.png"])
                self.assertIn("empty file (0 bytes)", reasons)
            # log info reads them back: the same list in --json, one line each in the text.
            rc, out, err = t.run("log", "info", log, "--json")
            self.assertEqual(rc, 0, err)
            info = json.loads(out)["data"]
            self.assertEqual(info["skipped_images"], 4)
            self.assertEqual(info["skipped_files"], doc["skipped_files"])
            rc, out, err = t.run("log", "info", log)
            self.assertEqual(rc, 0, err)
            self.assertIn("skipped   4 unreadable images", out)
            for s in doc["skipped_files"]["calib"] + doc["skipped_files"]["eval"]:
                self.assertIn("skipped: %s: %s\n" % (s["file"], s["reason"]), out)

    def test_layers_left_in_float_are_reported(self):
        # ConvTranspose2d, Conv1d and LSTM run in float: said in the terminal, --json and the log.
        import h5py
        model = os.path.join(t.EXPORTS, "unsupported_layers.pt")
        expected = [{"name": "up", "kind": "ConvTranspose2d"}, {"name": "conv1d", "kind": "Conv1d"},
                    {"name": "lstm", "kind": "LSTM"}]
        with tempfile.TemporaryDirectory() as d:
            ev = t.small_eval(d, 2)
            log = os.path.join(d, "run.h5")
            common = ["--model", model, "--calib", t.CALIB, "--eval", ev, "--bits", "4", "--iters", "20",
                      "--calib-size", "64", "--eval-subset", "0", "--quiet"]
            rc, out, err = t.run("run", *common, "--json", "--log", log)
            self.assertEqual(rc, 0, err)
            doc = json.loads(out)
            self.assertEqual([l["name"] for l in doc["layers"]], ["conv", "fc"])
            self.assertEqual(doc["left_in_float"], expected)
            with h5py.File(log, "r") as f:
                self.assertEqual([x.decode() for x in f["model/float_layers"][()]], ["up", "conv1d", "lstm"])
                self.assertEqual([x.decode() for x in f["model/float_layer_kinds"][()]],
                                 ["ConvTranspose2d", "Conv1d", "LSTM"])
            rc, out, err = t.run("log", "info", log, "--json")
            self.assertEqual(rc, 0, err)
            self.assertEqual(json.loads(out)["left_in_float"], expected)
            rc, out, err = t.run("log", "info", log)
            self.assertEqual(rc, 0, err)
            self.assertIn("left in float (not quantized, AdaRound does not handle them): up (ConvTranspose2d), "
                          "conv1d (Conv1d), lstm (LSTM)", out)
            rc, out, err = t.run("run", *common, "--no-log")
            self.assertEqual(rc, 0, err)
            self.assertIn("left in float (not quantized, AdaRound does not handle them): up (ConvTranspose2d), "
                          "conv1d (Conv1d), lstm (LSTM)", out)
            rc, out, err = t.run("rtn", "--model", model, "--eval", ev, "--bits", "4", "--json", "--quiet")
            self.assertEqual(rc, 0, err)
            self.assertEqual(json.loads(out)["left_in_float"], expected)
            rc, out, err = t.run("inspect", model)
            self.assertEqual(rc, 0, err)
            self.assertIn("lstm (LSTM)", out)

    def test_float64_model_names_file_and_layer(self):
        self.assertFailsWith(["rtn", "--model", os.path.join(t.EXPORTS, "float64_weights.pt"), "--eval", t.CALIB,
                              "--bits", "4"], 1, "float64_weights.pt: layer conv has float64 weights", "model.float()")

    def test_auto_preprocess_follows_a_first_linear_layer(self):
        rc, out, err = t.run("rtn", "--model", os.path.join(t.EXPORTS, "mlp784.pt"), "--eval", t.CALIB,
                             "--bits", "4", "--json", "--quiet")
        self.assertEqual(rc, 0, err)
        self.assertTrue(json.loads(out)["preprocess"].startswith("fmnist"), out)
        self.assertFailsWith(["rtn", "--model", os.path.join(t.EXPORTS, "mlp500.pt"), "--eval", t.CALIB, "--bits", "4"],
                             1, "mlp500.pt", "Linear with 500 inputs", "--preprocess", "--channels")

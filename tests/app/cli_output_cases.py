"""adaround-cli cases on what it writes: outputs never replace inputs or existing
files, and appear whole or not at all (full disks, --force, cancelled runs).
Mixed into cli_test.CliTest, whose helpers (run, small_eval) and paths it uses;
run through cli_test.py.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile

import __main__ as t  # cli_test.py


def small_run_args(root, *extra):
    """A run of a few seconds: 300 eval images, 64 calibration images, 20 iterations."""
    ev = os.path.join(root, "eval")
    if not os.path.isdir(ev):
        t.small_eval(root, 30)
    return ["run", "--model", t.CNN, "--calib", t.CALIB, "--eval", ev, "--iters", "20", "--calib-size", "64",
            "--eval-subset", "0", "--no-log", *extra]


def files_under(root):
    """Every file below ROOT, as relative paths."""
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)


class SmallDisk:
    """A 200 KiB tmpfs at PATH (root only), to hit a full disk for real; None if it cannot be mounted."""

    def __init__(self, path):
        self.path = path
        os.makedirs(path)
        self.mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", path],
                                      capture_output=True).returncode == 0

    def fill(self):
        """Fills it to the last byte with a file named filler."""
        fd = os.open(os.path.join(self.path, "filler"), os.O_WRONLY | os.O_CREAT)
        for chunk in (b"x" * 4096, b"x"):
            try:
                while True:
                    os.write(fd, chunk)
            except OSError:
                pass
        os.close(fd)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.mounted:
            subprocess.run(["umount", self.path], check=True)


class OutputCases:
    def test_save_config_never_replaces_the_model(self):
        with tempfile.TemporaryDirectory() as d:
            model = os.path.join(d, "model.pt")
            shutil.copy(t.CNN, model)
            before = open(model, "rb").read()
            base = ["run", "--model", model, "--calib", t.CALIB, "--eval", t.EVAL, "--no-log"]
            for target in (model, os.path.join(d, ".", "model.pt")):
                for force in ([], ["--force"]):
                    self.assertFailsWith(base + ["--save-config", target] + force, 1, "is the model")
            os.link(model, os.path.join(d, "same.json"))  # the model under another name
            self.assertFailsWith(base + ["--save-config", os.path.join(d, "same.json"), "--force"], 1, "is the model")
            cfg = os.path.join(d, "in.json")
            open(cfg, "w").write('{"iterations": 5}')
            self.assertFailsWith(base + ["--config", cfg, "--save-config", cfg, "--force"], 1,
                                 "is the configuration file")
            self.assertEqual(open(model, "rb").read(), before)
            self.assertEqual(open(cfg).read(), '{"iterations": 5}')

    def test_save_config_replaces_only_with_force(self):
        with tempfile.TemporaryDirectory() as d:
            cfg = os.path.join(d, "run.json")
            open(cfg, "w").write("{}")
            self.assertFailsWith(small_run_args(d, "--save-config", cfg), 1, cfg, "exists", "--force")
            self.assertEqual(open(cfg).read(), "{}")
            rc, out, err = t.run(*small_run_args(d, "--save-config", cfg, "--force", "--json"))
            self.assertEqual(rc, 0, err)
            self.assertEqual(json.load(open(cfg))["iterations"], 20)
            self.assertEqual([f for f in os.listdir(d) if f.startswith(".")], [], "no temporary file left")

    def test_save_config_write_errors(self):
        with tempfile.TemporaryDirectory() as d:
            rc, out, err = t.run(*small_run_args(d, "--save-config", "/dev/full", "--force"))
            self.assertNotEqual(rc, 0)
            self.assertEqual(out, "")
            self.assertNotIn("saved", err)
            self.assertEqual(len([l for l in err.splitlines() if l.startswith("adaround-cli:")]), 1, err)
            self.assertTrue(os.path.exists("/dev/full") and not os.path.isfile("/dev/full"))
            with SmallDisk(os.path.join(d, "small")) as disk:
                if not disk.mounted:
                    self.skipTest("cannot mount a tmpfs here")
                disk.fill()
                cfg = os.path.join(disk.path, "run.json")
                self.assertFailsWith(small_run_args(d, "--save-config", cfg), 1, cfg, "No space left on device")
                self.assertEqual(os.listdir(disk.path), ["filler"], "nothing partial left")

    def test_export_into_a_non_empty_folder(self):
        with tempfile.TemporaryDirectory() as d:
            out_dir = os.path.join(d, "export")
            rc, _, err = t.run(*small_run_args(d, "--quiet", "--export", out_dir))
            self.assertEqual(rc, 0, err)
            fresh = files_under(out_dir)
            self.assertIn("model.pt", fresh)
            stale = os.path.join(out_dir, "weights", "007_old.codes.npy")
            open(stale, "wb").write(b"stale")
            encodings = open(os.path.join(out_dir, "encodings.json")).read()
            self.assertFailsWith(small_run_args(d, "--export", out_dir), 1, out_dir, "not empty", "--force")
            self.assertTrue(os.path.exists(stale))
            self.assertEqual(open(os.path.join(out_dir, "encodings.json")).read(), encodings)
            rc, _, err = t.run(*small_run_args(d, "--quiet", "--export", out_dir, "--force", "--seed", "7"))
            self.assertEqual(rc, 0, err)
            self.assertEqual(files_under(out_dir), fresh, "exactly the new export, no stale .npy")
            self.assertEqual([f for f in os.listdir(d) if f.startswith(".")], [], "no staging folder left")
            # --force replaces a previous export only, never a folder of other files.
            other = os.path.join(d, "other")
            os.makedirs(other)
            open(os.path.join(other, "notes.txt"), "w").write("mine")
            self.assertFailsWith(small_run_args(d, "--export", other, "--force"), 1, "notes.txt")
            self.assertEqual(os.listdir(other), ["notes.txt"])

    def test_export_never_replaces_the_input_model(self):
        with tempfile.TemporaryDirectory() as d:
            out_dir = os.path.join(d, "export")
            os.makedirs(out_dir)
            model = os.path.join(out_dir, "model.pt")
            shutil.copy(t.CNN, model)
            before = open(model, "rb").read()
            args = small_run_args(d, "--export", out_dir)
            args[args.index(t.CNN)] = model
            self.assertFailsWith(args, 1, "holds the model")
            self.assertFailsWith(args + ["--force"], 1, "holds the model")
            self.assertEqual(open(model, "rb").read(), before)
            # Nor into an image folder.
            self.assertFailsWith(small_run_args(d, "--export", os.path.join(d, "eval", "new")), 1,
                                 "inside the evaluation folder")

    def test_export_on_a_full_disk(self):
        with tempfile.TemporaryDirectory() as d, SmallDisk(os.path.join(d, "small")) as disk:
            if not disk.mounted:
                self.skipTest("cannot mount a tmpfs here")
            out_dir = os.path.join(disk.path, "export")
            rc, out, err = t.run(*small_run_args(d, "--json", "--quiet", "--export", out_dir))
            self.assertEqual(rc, 1, err)
            doc = json.loads(out)  # the results, printed although the export failed
            self.assertEqual(doc["status"], "completed")
            self.assertGreater(doc["adaround"]["top1"], 50)
            lines = [l for l in err.splitlines() if l.startswith("adaround-cli:")]
            self.assertEqual(len(lines), 1, err)
            self.assertIn("No space left on device", lines[0])
            self.assertIn(out_dir, lines[0])
            self.assertEqual(os.listdir(disk.path), [], "no partial folder left")

    def test_log_export_csv_on_a_full_disk(self):
        with tempfile.TemporaryDirectory() as d:
            log = os.path.join(d, "run.h5")
            args = small_run_args(d, "--quiet")
            args.remove("--no-log")
            rc, _, err = t.run(*args, "--log", log)
            self.assertEqual(rc, 0, err)
            with SmallDisk(os.path.join(d, "small")) as disk:
                if not disk.mounted:
                    self.skipTest("cannot mount a tmpfs here")
                disk.fill()
                csv_dir = os.path.join(disk.path, "csv")
                self.assertFailsWith(["log", "export-csv", log, csv_dir], 1, "No space left on device")
                self.assertEqual(os.listdir(disk.path), ["filler"], "no 0-byte CSV left")
                os.remove(os.path.join(disk.path, "filler"))
                rc, out, err = t.run("log", "export-csv", log, csv_dir)  # the retry, once there is room
                self.assertEqual(rc, 0, err)
                self.assertEqual(len(out.split()), 5)
                self.assertGreater(os.path.getsize(os.path.join(csv_dir, "layers.csv")), 100)
            good = os.path.join(d, "csv")
            rc, out, err = t.run("log", "export-csv", log, good)
            self.assertEqual(rc, 0, err)
            self.assertEqual(sorted(os.listdir(good)), ["accuracy.csv", "histograms.csv", "iterations.csv",
                                                        "layers.csv", "progress.csv"])

    def test_cancelled_run_json_has_null_accuracies(self):
        with tempfile.TemporaryDirectory() as d:
            args = small_run_args(d, "--json")
            args[args.index("--iters") + 1] = "500"
            proc = subprocess.Popen([t.CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                    env=dict(os.environ, XDG_DATA_HOME=t.DATA_HOME))
            for line in proc.stderr:
                if re.match(r"\[1/5\] \w+: ", line):
                    break
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=300)
            self.assertEqual(proc.returncode, 3, err)
            doc = json.loads(out)
            self.assertEqual(doc["status"], "cancelled")
            for key in ("fp32", "rtn", "adaround"):
                self.assertIsNone(doc[key], key)
            self.assertGreaterEqual(len(doc["layers"]), 1)

    def test_threads_beyond_the_hardware(self):
        self.assertFailsWith(["run", "--model", t.CNN, "--calib", t.CALIB, "--eval", t.EVAL, "--threads", "1000"], 2,
                             "--threads", "256")
        if (os.cpu_count() or 1) >= 200:
            self.skipTest("a machine with 200 cores")
        with tempfile.TemporaryDirectory() as d:
            rc, out, err = t.run(*small_run_args(d, "--threads", "200", "--json", "--quiet"))
            self.assertEqual(rc, 0, err)
            self.assertIn(f"200 threads asked for, this machine has {os.cpu_count()}; using {os.cpu_count()}", err)
            self.assertEqual(json.loads(out)["config"]["threads"], 200)

    def test_config_file_bom_and_directory(self):
        with tempfile.TemporaryDirectory() as d:
            t.small_eval(d, 30)
            cfg = os.path.join(d, "bom.json")
            with open(cfg, "wb") as f:
                f.write(b"\xef\xbb\xbf" + json.dumps({"model": t.CNN, "calib": t.CALIB, "eval": os.path.join(d, "eval"),
                                                        "iterations": 20, "calib_size": 64,
                                                        "eval_subset": 0}).encode())
            rc, out, err = t.run("run", "--config", cfg, "--no-log", "--json", "--quiet")
            self.assertEqual(rc, 0, err)
            self.assertEqual(json.loads(out)["config"]["iterations"], 20)
            self.assertFailsWith(["run", "--config", d], 2, d, "is a directory")
            open(cfg, "wb").write(b"\xef\xbb\xbf{\"iterations\": -1}")
            self.assertFailsWith(["run", "--config", cfg, "--model", t.CNN, "--calib", t.CALIB, "--eval", t.EVAL], 2,
                                 "iterations")

    def test_cancelled_while_loading_reports_its_own_config(self):
        # SIGINT while the images load ends the run before it started (no RunStarted):
        # --json names the run's configuration (not the defaults), nothing loaded is
        # null, no layers; the log says cancelled and `log info` reads it. On the
        # full demo (CMakeLists.txt): loading 11,000 images outlasts the signal.
        with tempfile.TemporaryDirectory() as d:
            log = os.path.join(d, "run.h5")
            args = ["run", "--model", t.CNN, "--calib", t.CALIB, "--eval", t.EVAL, "--bits", "3", "--iters", "20",
                    "--calib-size", "1024", "--json", "--log", log]
            proc = subprocess.Popen([t.CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                    env=dict(os.environ, XDG_DATA_HOME=t.DATA_HOME))
            next(line for line in proc.stderr if line.startswith("run log:"))  # loading starts now
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=300)
            self.assertEqual(proc.returncode, 3, err)
            doc = json.loads(out)
            self.assertEqual(doc["status"], "cancelled")
            self.assertEqual(doc["config"]["model"], t.CNN)
            self.assertEqual(doc["config"]["bits"], 3)
            self.assertEqual(doc["config"]["eval"], t.EVAL)
            self.assertIsNone(doc["calib_images"])
            self.assertIsNone(doc["eval_images"])
            self.assertEqual(doc["layers"], [])
            self.assertEqual(doc["log"], log)
            rc, out, err = t.run("log", "info", log, "--json")
            self.assertEqual(rc, 0, err)
            info = json.loads(out)
            self.assertEqual((info["status"], info["layers"], info["layers_done"]), ("cancelled", [], 0))
            rc, out, err = t.run("log", "info", log)
            self.assertEqual(rc, 0, err)
            self.assertIn("status    cancelled", out)

    def test_log_info_json_is_utf8_whatever_the_stored_strings(self):
        # Strings that are not UTF-8 in a log (a model path of bytes 0xff 0xfe in a
        # sealed log written by a real run; a layer name and the model path of an
        # old-format log edited with h5py): `log info --json` still prints strict
        # UTF-8 JSON, each bad byte as U+FFFD, and exits 0.
        import h5py
        import numpy as np

        def info_json(path):
            p = subprocess.run([t.CLI, "log", "info", path, "--json"], capture_output=True, timeout=120)
            self.assertEqual(p.returncode, 0, p.stderr)
            return json.loads(p.stdout.decode("utf-8", errors="strict"))

        with tempfile.TemporaryDirectory() as d:
            model = os.path.join(d, os.fsdecode(b"model-\xff\xfe.pt"))
            shutil.copy(t.CNN, model)
            log = os.path.join(d, "sealed.h5")
            args = small_run_args(d, "--quiet", "--json")
            args[args.index("--model") + 1] = model
            args[args.index("--no-log")] = "--log"
            args.insert(args.index("--log") + 1, log)
            rc, out, err = t.run(*args)
            self.assertEqual(rc, 0, err)
            doc = info_json(log)
            self.assertEqual(doc["model"]["path"], os.path.join(d, "model-\ufffd\ufffd.pt"))
            self.assertEqual(doc["config"]["model"], doc["model"]["path"])

            v1 = os.path.join(d, "v1.h5")
            shutil.copy(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data",
                                     "runlog-v1-mobilenet.h5"), v1)
            with h5py.File(v1, "r+") as f:
                f["model"].attrs["path"] = np.bytes_(b"/models/m\xff.pt")
                names = f["model/layer_table/name"]
                names[0] = b"feat\xc3res.0.0"  # a truncated two-byte sequence
                group = sorted(f["layers"])[0]
                f["layers"][group].attrs["name"] = np.bytes_(b"feat\xc3res.0.0")
            doc = info_json(v1)
            self.assertEqual(doc["model"]["path"], "/models/m\ufffd.pt")
            self.assertEqual(doc["layers"][0]["name"], "feat\ufffdres.0.0")

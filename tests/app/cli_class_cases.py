"""adaround-cli cases on class labels (issue 10, silent wrong results): an
image folder holding only some of the model's classes is labelled by name
against a class list (--classes FILE, or the calibration folder in `run`),
never by its own sorted positions; without a class list a folder whose class
count differs from the model's outputs is refused naming --classes; the mapping
is reported in --json and recorded in the run log.
Mixed into cli_test.CliTest, whose helpers (run, small_eval) and paths it uses;
run through cli_test.py.
"""
import json
import os
import shutil
import tempfile

import __main__ as t  # cli_test.py

HIGH = [5, 6, 7, 8, 9]  # Sandal, Shirt, Sneaker, Bag, Ankle boot


def class_names():
    """The model's classes in output order: the demo folders' sorted names."""
    return sorted(os.listdir(t.CALIB))


def class_file(root, names=None, name="classes.txt"):
    path = os.path.join(root, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(n + "\n" for n in (names or class_names())))
    return path


def subset_folder(root, source, classes, name, per_class=None):
    """A folder of symlinks holding only the given class indices of SOURCE."""
    out = os.path.join(root, name)
    for i in classes:
        cls = class_names()[i]
        os.makedirs(os.path.join(out, cls))
        for f in sorted(os.listdir(os.path.join(source, cls)))[:per_class]:
            os.symlink(os.path.join(source, cls, f), os.path.join(out, cls, f))
    return out


def rtn_json(*args):
    rc, out, err = t.run("rtn", "--model", t.CNN, "--bits", "4", "--json", "--quiet", *args)
    assert rc == 0, err
    return json.loads(out)


class ClassCases:
    def test_rtn_subset_without_classes_is_refused(self):
        with tempfile.TemporaryDirectory() as d:
            ev = subset_folder(d, t.EVAL, HIGH, "eval")
            self.assertFailsWith(["rtn", "--model", t.CNN, "--eval", ev, "--bits", "4", "--quiet"], 1,
                                 ev, "5 class folders", "10 outputs", "--classes")
            self.assertFailsWith(["rtn", "--model", t.CNN, "--eval", ev, "--bits", "4", "--json"], 1, "--classes")

    def test_rtn_subset_with_classes_scores_the_subset(self):
        with tempfile.TemporaryDirectory() as d:
            classes = class_file(d)
            ev = subset_folder(d, t.EVAL, HIGH, "eval")
            doc = rtn_json("--eval", ev, "--classes", classes)
            self.assertEqual(doc["classes"], {"names": class_names(), "source": "list", "eval": HIGH})
            self.assertEqual(doc["eval_images"], 150)
            # Far above chance (a shifted labelling scores ~0 %) ...
            self.assertGreater(doc["fp32"]["top1"], 70)
            # ... and per image the same as class by class: each one-class folder on its own.
            correct = 0
            for i in HIGH:
                one = rtn_json("--eval", subset_folder(d, t.EVAL, [i], f"only{i}"), "--classes", classes)
                self.assertEqual(one["classes"]["eval"], [i])
                correct += round(one["fp32"]["top1"] * one["eval_images"] / 100)
            self.assertEqual(round(doc["fp32"]["top1"] * 150 / 100), correct)
            # The full folder reads the same with the list as without it (its sorted names are the list).
            full = rtn_json("--eval", t.EVAL, "--classes", classes)
            plain = rtn_json("--eval", t.EVAL)
            self.assertEqual(full["fp32"], plain["fp32"])
            self.assertEqual(plain["classes"], {"names": class_names(), "source": "folder",
                                                "eval": list(range(10))})

    def test_run_maps_a_subset_eval_folder_by_calibration_names(self):
        with tempfile.TemporaryDirectory() as d:
            ev = subset_folder(d, t.EVAL, HIGH, "eval")
            rc, out, err = t.run("run", "--model", t.CNN, "--calib", t.CALIB, "--eval", ev, "--iters", "20",
                                 "--calib-size", "64", "--eval-subset", "0", "--no-log", "--json")
            self.assertEqual(rc, 0, err)
            doc = json.loads(out)
            self.assertEqual(doc["classes"], {"names": class_names(), "source": "calibration",
                                              "calib": list(range(10)), "eval": HIGH})
            self.assertIn("eval folder: 5 of them (5 5_Sandal, 6 6_Shirt", err)
            # FP32 on the subset, as rtn scores it with the class list: the same images, the same labels.
            ref = rtn_json("--eval", ev, "--classes", class_file(d))
            self.assertEqual(doc["fp32"], ref["fp32"])
            self.assertGreater(doc["adaround"]["top1"], 60)
            # A calibration folder holding only some classes needs the class list, and is then mapped by name.
            calib = subset_folder(d, t.CALIB, HIGH, "calib")
            self.assertFailsWith(["run", "--model", t.CNN, "--calib", calib, "--eval", ev, "--iters", "20",
                                  "--calib-size", "64", "--eval-subset", "0", "--no-log"], 1,
                                 calib, "5 class folders", "--classes")
            rc, out, err = t.run("run", "--model", t.CNN, "--calib", calib, "--eval", ev, "--iters", "20",
                                 "--calib-size", "64", "--eval-subset", "0", "--no-log", "--json", "--quiet",
                                 "--classes", class_file(d))
            self.assertEqual(rc, 0, err)
            doc = json.loads(out)
            self.assertEqual(doc["classes"]["source"], "list")
            self.assertEqual(doc["classes"]["calib"], HIGH)
            self.assertEqual(doc["fp32"], ref["fp32"])

    def test_folder_not_in_the_class_list_is_refused(self):
        with tempfile.TemporaryDirectory() as d:
            ev = subset_folder(d, t.EVAL, [5, 6], "eval")
            os.symlink(os.path.join(t.EVAL, "7_Sneaker"), os.path.join(ev, "sneakers"))
            self.assertFailsWith(["rtn", "--model", t.CNN, "--eval", ev, "--bits", "4", "--classes", class_file(d)],
                                 1, os.path.join(ev, "sneakers"), "'sneakers'", "classes.txt", "--classes")
            self.assertFailsWith(["run", "--model", t.CNN, "--calib", t.CALIB, "--eval", ev, "--iters", "20",
                                  "--calib-size", "64", "--no-log", "--quiet"], 1,
                                 "'sneakers'", "calibration folder", "--classes")
            # A list naming fewer (or more) classes than the model's outputs is refused too.
            short = class_file(d, class_names()[:9], "nine.txt")
            self.assertFailsWith(["rtn", "--model", t.CNN, "--eval", subset_folder(d, t.EVAL, [5], "five"),
                                  "--bits", "4", "--classes", short], 1, "10 outputs", "nine.txt", "9 classes")

    def test_class_list_file_errors(self):
        with tempfile.TemporaryDirectory() as d:
            dup = class_file(d, ["a", "b", "", "a"], "dup.txt")
            self.assertFailsWith(["rtn", "--model", t.CNN, "--eval", t.EVAL, "--bits", "4", "--classes", dup], 1,
                                 "dup.txt:4:", "'a'", "first on line 1")
            empty = class_file(d, ["", "  "], "empty.txt")
            self.assertFailsWith(["rtn", "--model", t.CNN, "--eval", t.EVAL, "--bits", "4", "--classes", empty], 1,
                                 "empty.txt", "no class names")
            self.assertFailsWith(["rtn", "--model", t.CNN, "--eval", t.EVAL, "--bits", "4", "--classes",
                                  os.path.join(d, "none.txt")], 1, "none.txt", "class list")
            # A byte-order mark and CRLF line ends (a list saved by Notepad) are fine.
            crlf = os.path.join(d, "crlf.txt")
            open(crlf, "wb").write(b"\xef\xbb\xbf" + "".join(n + " \r\n" for n in class_names()).encode())
            doc = rtn_json("--eval", subset_folder(d, t.EVAL, HIGH, "eval"), "--classes", crlf)
            self.assertEqual(doc["classes"]["names"], class_names())

    def test_log_and_saved_config_record_the_class_mapping(self):
        import h5py
        with tempfile.TemporaryDirectory() as d:
            ev = subset_folder(d, t.EVAL, HIGH, "eval")
            calib = subset_folder(d, t.CALIB, [0, 5, 6, 7, 8, 9], "calib")
            log, cfg = os.path.join(d, "run.h5"), os.path.join(d, "run.json")
            common = ["--model", t.CNN, "--calib", calib, "--eval", ev, "--iters", "20", "--calib-size", "64",
                      "--eval-subset", "0", "--threads", "1", "--quiet"]
            rc, out, err = t.run("run", *common, "--classes", class_file(d), "--json", "--log", log,
                                 "--save-config", cfg)
            self.assertEqual(rc, 0, err)
            first = json.loads(out)
            with h5py.File(log, "r") as f:
                data = f["data"]
                self.assertEqual([x.decode() for x in data["class_names"][()]], class_names())
                self.assertEqual(data.attrs["class_source"], "list")
                self.assertEqual(list(data["calib_classes"][()]), [0, 5, 6, 7, 8, 9])
                self.assertEqual(list(data["eval_classes"][()]), HIGH)
            rc, out, err = t.run("log", "info", log)
            self.assertEqual(rc, 0, err)
            self.assertIn("classes   10 classes (from the class list); calibration folder: 6 of them "
                          "(0 0_T-shirt_top, 5 5_Sandal", out)
            self.assertIn("eval folder: 5 of them (5 5_Sandal, 6 6_Shirt, 7 7_Sneaker, 8 8_Bag, 9 9_Ankle_boot)", out)
            rc, out, err = t.run("log", "info", log, "--json")
            self.assertEqual(rc, 0, err)
            self.assertEqual(json.loads(out)["data"]["classes"],
                             {"names": class_names(), "source": "list", "calib": [0, 5, 6, 7, 8, 9], "eval": HIGH})
            # The saved configuration carries the names themselves: reloaded without the file, the run is the same.
            self.assertEqual(json.load(open(cfg))["classes"], class_names())
            os.remove(os.path.join(d, "classes.txt"))
            rc, out, err = t.run("run", "--config", cfg, "--json", "--quiet", "--no-log")
            self.assertEqual(rc, 0, err)
            again = json.loads(out)
            self.assertEqual(again["classes"], first["classes"])
            self.assertEqual(again["fp32"], first["fp32"])
            self.assertEqual(again["adaround"], first["adaround"])

"""Run-log reader cases: every way a log can be unreadable is one line naming
the file and the problem (exit 1), and a damaged log opens only when asked.
Mixed into runlog_test.RunLogTest, whose helpers (cli, shared_run,
assertFailsWith) it uses; run through runlog_test.py.
"""
import json
import os
import pathlib

import h5py
import numpy as np


class ReaderErrorCases:
    def test_reader_errors_are_one_line(self):
        log = self.shared_run()[0]
        self.assertFailsWith(["log", "info", os.path.join(self.dir, "nope.h5")], 1, "nope.h5", "no such file")
        text = os.path.join(self.dir, "notes.txt")
        pathlib.Path(text).write_text("not a log\n")
        self.assertFailsWith(["log", "info", text], 1, "notes.txt", "not an HDF5 file")
        other = os.path.join(self.dir, "other.h5")
        with h5py.File(other, "w") as f:
            f["losses"] = np.arange(10.0)
            f.attrs["schema"] = "something-else"
        self.assertFailsWith(["log", "info", other], 1, "other.h5", "not an AdaRound run log")
        cut = os.path.join(self.dir, "cut.h5")
        data = pathlib.Path(log).read_bytes()
        pathlib.Path(cut).write_bytes(data[: len(data) // 2])
        self.assertFailsWith(["log", "info", cut], 1, "cut.h5", "truncated")
        # Changed after it was written: the checksum no longer matches, and HDF5
        # never sees the file in-process.
        edited = os.path.join(self.dir, "edited.h5")
        pathlib.Path(edited).write_bytes(data)
        with h5py.File(edited, "r+") as f:
            f.attrs["status"] = "cancelled"
        self.assertFailsWith(["log", "info", edited], 1, "edited.h5", "damaged run log", "--open-damaged")
        # Unless the user asks: then it is read in the sandbox, and said so.
        rc, out, err = self.cli("log", "info", edited, "--open-damaged")
        self.assertEqual(rc, 0, err)
        self.assertIn("status    cancelled", out)
        self.assertRegex(out, r"\nintegrity FAILED: .*bytes more than were written; opened anyway")
        rc, out, err = self.cli("log", "info", edited, "--open-damaged", "--json")
        self.assertEqual(rc, 0, err)
        self.assertIn("bytes more than were written", json.loads(out)["integrity"])
        rc, out, err = self.cli("log", "export-csv", edited, os.path.join(self.dir, "edited-csv"), "--open-damaged")
        self.assertEqual(rc, 0, err)
        self.assertTrue(os.path.isfile(os.path.join(self.dir, "edited-csv", "layers.csv")))
        rc, out, err = self.cli("log", "info", log, "--json")
        self.assertEqual(json.loads(out)["integrity"], "verified")
        # Without the integrity header (as logs written before it), the file is
        # parsed in the sandbox helper, whose one-line verdict the CLI passes on.
        newer = os.path.join(self.dir, "newer.h5")
        pathlib.Path(newer).write_bytes(data[512:])
        with h5py.File(newer, "r+") as f:
            f.attrs["schema_version"] = 7
        self.assertFailsWith(["log", "export-csv", newer, self.dir], 1, "schema version 7", "up to version 1")
        gone = os.path.join(self.dir, "gone.h5")
        pathlib.Path(gone).write_bytes(data[512:])
        with h5py.File(gone, "r+") as f:
            del f["accuracy"]
        self.assertFailsWith(["log", "info", gone], 1, "damaged run log", "'accuracy' is missing")
        unsealed = os.path.join(self.dir, "unsealed.h5")
        pathlib.Path(unsealed).write_bytes(data[512:])
        rc, out, err = self.cli("log", "info", unsealed)
        self.assertEqual(rc, 0, err)
        self.assertIn("status    completed", out)
        self.assertIn("integrity no integrity header", out)
        self.assertFailsWith(["log"], 2, "info, export-csv or flips")
        self.assertFailsWith(["log", "frobnicate", log], 2, "unknown log subcommand")

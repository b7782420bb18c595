"""Run-log cases of runs that do not end on their own: a SIGKILL leaves every
completed layer readable, a SIGINT cancels and marks the log, within the unit of
work in progress while images load and during the final evaluation.
Mixed into runlog_test.RunLogTest, whose helpers (cli, start_run,
wait_for_layers, assertLayersIntact) and paths it uses; run through runlog_test.py.
"""
import os
import random
import re
import signal
import subprocess
import time

import h5py

import __main__ as t  # runlog_test.py


class CancelCases:
    def test_sigkill_leaves_every_completed_layer_readable(self):
        log = os.path.join(self.dir, "killed.h5")
        proc = self.start_run(log, 1000)
        self.wait_for_layers(proc, 2)
        time.sleep(random.uniform(0.0, 1.5))  # somewhere inside the third layer
        proc.kill()
        proc.wait()
        self.assertEqual(proc.returncode, -signal.SIGKILL)
        with h5py.File(log, "r") as f:
            self.assertEqual(f.attrs["status"], "running")
            done = int(f.attrs["layers_done"])
            self.assertGreaterEqual(done, 2)
            self.assertLayersIntact(f, 1000, done)
        self.assertEqual(subprocess.run(["h5dump", "-H", log], capture_output=True).returncode, 0)
        rc, out, err = self.cli("log", "info", log)
        self.assertEqual(rc, 0, err)
        self.assertIn("status    running (its process is gone: killed)", out)  # its lock is free

    def test_sigint_cancels_and_marks_the_log(self):
        log = os.path.join(self.dir, "cancelled.h5")
        proc = self.start_run(log, 1000)
        self.wait_for_layers(proc, 1)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=300)
        self.assertEqual(proc.returncode, 3, err)
        with h5py.File(log, "r") as f:
            self.assertEqual(f.attrs["status"], "cancelled")
            self.assertNotEqual(f.attrs["end_time"], "")
            done = int(f.attrs["layers_done"])
            self.assertGreaterEqual(done, 1)
            self.assertLayersIntact(f, 1000, done)
            self.assertEqual(list(f["accuracy/layers_done"][:]), list(range(done + 1)))  # from 0: before any layer

    def start_full_run(self, log, eval_subset=0):
        """All 1,024 calibration and 10,000 eval images: loading and the final evaluation take seconds
        (with EVAL_SUBSET, loading takes that many eval images more, for the progress curve)."""
        args = ["run", "--model", t.CNN, "--calib", t.CALIB, "--eval", t.EVAL, "--bits", "4", "--iters", "20",
                "--calib-size", "1024", "--eval-subset", str(eval_subset), "--threads", "2", "--log", log]
        return subprocess.Popen([t.CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env)

    def time_a_tenth(self, proc, stage):
        """Reads the progress of STAGE (a line at its start and every 10%) until a
        tenth of it has gone by; returns how long that took in this run, on this
        machine and build (a sanitized one is several times slower)."""
        times = []
        for line in proc.stderr:
            if re.match(stage + r": \d+/\d+$", line.rstrip("\n")):
                times.append(time.monotonic())
                if len(times) == 2:
                    return times[1] - times[0]
        self.fail(f"the run ended before {stage} was a tenth done: {proc.wait()}")

    def assertCancelledPromptly(self, proc, log, layers_done, tenth, started=True):
        """The cancel lands within the unit of work in progress (an image chunk, an
        evaluation batch), not at the end of the phase: the engine reports it in
        under half the time the phase's remaining eight tenths would take. Timed
        to the CLI's report, not to the process's exit (a sanitized build checks
        for leaks as it exits)."""
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        reported = None
        for line in proc.stderr:
            if line.startswith("cancelled after "):
                reported = time.monotonic()
                break
        proc.communicate(timeout=300)
        self.assertEqual(proc.returncode, 3)
        self.assertIsNotNone(reported, "the CLI reports the cancel")
        self.assertLess(reported - sent, 4 * tenth,
                        f"cancel took {reported - sent:.2f} s; a tenth of the phase took {tenth:.2f} s")
        with h5py.File(log, "r") as f:
            self.assertEqual(f.attrs["status"], "cancelled")
            self.assertEqual(int(f.attrs["layers_done"]), layers_done)
            # Cancelled while loading: the run never started (no calibration files, no layer table).
            self.assertEqual("calib_files" in f["data"], started)
            self.assertEqual("layer_table" in f["model"], started)

    def test_sigint_during_image_loading_cancels(self):
        log = os.path.join(self.dir, "loading.h5")
        proc = self.start_full_run(log, eval_subset=10000)  # loading: 1,024 + 10,000 images
        tenth = self.time_a_tenth(proc, re.escape("loading images from " + t.EVAL))
        self.assertCancelledPromptly(proc, log, 0, tenth, started=False)

    def test_sigint_during_final_evaluation_cancels(self):
        log = os.path.join(self.dir, "evaluation.h5")
        proc = self.start_full_run(log)
        self.wait_for_layers(proc, 5)  # the last layer is done: FP32/RTN/AdaRound evaluation on 10,000 images
        tenth = self.time_a_tenth(proc, re.escape("final: FP32, RTN and AdaRound"))
        self.assertCancelledPromptly(proc, log, 5, tenth)

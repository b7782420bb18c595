#!/usr/bin/env python3
"""Runs a command in its own Xvfb X server (a real window system for GUI tests).

usage: xvfb_run.py --screen 1366x768x24 [--scale 2] -- COMMAND [ARGS...]

Xvfb picks a free display number itself (-displayfd); the command gets it in
DISPLAY with QT_QPA_PLATFORM=xcb (and QT_SCALE_FACTOR with --scale). The
server is stopped afterwards; the exit code is the command's.
"""
import argparse
import os
import select
import shutil
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--screen", required=True, help="WIDTHxHEIGHTxDEPTH")
    ap.add_argument("--scale", help="QT_SCALE_FACTOR for the command")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        ap.error("no command")
    xvfb = shutil.which("Xvfb")
    if not xvfb:
        print("xvfb_run.py: Xvfb is missing (scripts/install-deps.sh installs the xvfb package)", file=sys.stderr)
        return 1
    read_end, write_end = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write_end), "-screen", "0", args.screen, "-nolisten", "tcp",
                               "-noreset"], pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.close(write_end)
    try:
        number = b""
        while not number.endswith(b"\n"):
            ready, _, _ = select.select([read_end], [], [], 30)
            chunk = os.read(read_end, 16) if ready else b""
            if not chunk:
                print("xvfb_run.py: Xvfb did not start: " + server.stderr.read1(4096).decode(errors="replace"),
                      file=sys.stderr)
                return 1
            number += chunk
        env = dict(os.environ, DISPLAY=":" + number.decode().strip(), QT_QPA_PLATFORM="xcb")
        env.pop("WAYLAND_DISPLAY", None)
        if args.scale:
            env["QT_SCALE_FACTOR"] = args.scale
        print(f"xvfb_run.py: DISPLAY={env['DISPLAY']} screen {args.screen} scale {args.scale or 1}", flush=True)
        return subprocess.call(command, env=env)
    finally:
        os.close(read_end)
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Damaged run logs never crash `adaround-cli log info`: one byte flipped at
every position class (integrity header, HDF5 superblock, metadata: B-tree
nodes, local and global heaps, symbol tables; data) and truncations at many
points, of a sealed log and of a log of the earlier, unsealed format (parsed in
the sandbox helper). Each case must exit 0 or 1 (never a signal, 134 or 139),
with a one-line message when it fails, within the time limit. Also: a FIFO is
refused at once.

runlog_damage_sweep.py CLI HELPER V1_LOG [unittest args]
"""
import collections
import concurrent.futures
import os
import pathlib
import subprocess
import sys
import tempfile
import time
import unittest

CLI, HELPER, V1_LOG = sys.argv[1:4]
USER_BLOCK = 512
METADATA_SIGNATURES = [b"TREE", b"HEAP", b"SNOD", b"GCOL", b"OHDR", b"BTHD", b"FRHP"]
# Single bytes of the old-format test log that, XORed with 0xff, crash HDF5
# 1.10.8 with SIGSEGV (found by flipping every 97th byte with the helper).
KNOWN_CRASHES = [1746, 3201, 4074, 4268, 4462, 4559]


def flips(data, positions, tag):
    """One case per position: the byte there XORed with a mask that varies by case."""
    out = []
    for i, at in enumerate(sorted(set(p for p in positions if 0 <= p < len(data)))):
        mask = (0x01, 0x80, 0xFF, 0x10)[i % 4]
        damaged = bytearray(data)
        damaged[at] ^= mask
        out.append((f"{tag} flip@{at}^{mask:#04x}", bytes(damaged)))
    return out


def cuts(data, count, tag, extra=()):
    points = sorted(set([*(len(data) * k // count for k in range(count)), *extra]) - {len(data)})
    return [(f"{tag} cut@{n}", data[:n]) for n in points]


def metadata_positions(data, start, per_signature=4, limit=80):
    """Bytes inside HDF5 metadata structures, found by their signatures."""
    positions = []
    for sig in METADATA_SIGNATURES:
        at = data.find(sig, start)
        while at >= 0 and len(positions) < limit:
            positions += [at + 1, at + 5, at + 9, at + 17][:per_signature]
            at = data.find(sig, at + 1)
    return positions


def sealed_cases(data):
    payload = len(data) - USER_BLOCK
    return (flips(data, range(0, USER_BLOCK, 14), "sealed header")
            + flips(data, range(USER_BLOCK, USER_BLOCK + 96, 12), "sealed superblock")
            + flips(data, metadata_positions(data, USER_BLOCK, 1, 10), "sealed metadata")
            + flips(data, range(USER_BLOCK + 101, len(data), payload // 10), "sealed data")
            + cuts(data, 10, "sealed", extra=(1, 10, 40, 100, 511, 512, 513, 520, len(data) - 1)))


def unsealed_cases(data):
    return (flips(data, range(0, 96, 4), "v1 superblock")
            + flips(data, metadata_positions(data, 96, 4, 60), "v1 metadata")
            + flips(data, range(97, len(data), len(data) // 50), "v1 data")
            + cuts(data, 16, "v1", extra=(1, 8, 50, 200, len(data) - 1))
            + [(f"v1 known-crash flip@{at}^0xff", data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:])
               for at in KNOWN_CRASHES])


class DamagedLogTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def log_info(self, path):
        start = time.monotonic()
        p = subprocess.run([CLI, "log", "info", path], capture_output=True, text=True, errors="replace",
                           timeout=120)
        return p.returncode, p.stderr, time.monotonic() - start

    def test_flipped_bytes_and_truncations_never_crash_log_info(self):
        sealed = os.path.join(self.dir, "sealed.h5")
        # The helper writes a sealed copy of the old log through this build's writer.
        subprocess.run([HELPER, V1_LOG, sealed], check=True, timeout=120)
        sealed_bytes = pathlib.Path(sealed).read_bytes()
        v1_bytes = pathlib.Path(V1_LOG).read_bytes()
        self.assertEqual(self.log_info(sealed)[0], 0)
        self.assertEqual(self.log_info(V1_LOG)[0], 0)
        cases = sealed_cases(sealed_bytes) + unsealed_cases(v1_bytes)
        self.assertGreater(len(cases), 200)

        def run(case):
            index, (name, data) = case
            path = os.path.join(self.dir, f"case{index}.h5")
            pathlib.Path(path).write_bytes(data)
            rc, err, seconds = self.log_info(path)
            os.unlink(path)
            return name, rc, err, seconds

        outcomes = collections.Counter()
        problems, unnoticed = [], []
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            for name, rc, err, seconds in pool.map(run, enumerate(cases)):
                kind = name.split(" ")[0]
                if name.startswith("sealed") and "flip" in name and "header" not in name and (
                        rc != 1 or "checksum mismatch" not in err):
                    unnoticed.append(f"{name}: exit {rc}: {err.strip()[:300]}")
                if rc == 0:
                    outcomes[f"{kind}: opened"] += 1
                    continue
                lines = err.strip().splitlines()
                if rc != 1 or len(lines) != 1 or not lines[0].startswith("adaround-cli: "):
                    problems.append(f"{name}: exit {rc}: {err.strip()[:300]}")
                    continue
                message = lines[0]
                if "crashed the HDF5 library" in message:
                    outcomes[f"{kind}: HDF5 crashed in the sandbox, reported"] += 1
                elif "checksum mismatch" in message or "more than were written" in message:
                    outcomes[f"{kind}: checksum/length refused"] += 1
                elif "truncated" in message:
                    outcomes[f"{kind}: truncated"] += 1
                else:
                    outcomes[f"{kind}: other damage reported"] += 1
        print(f"{len(cases)} cases", file=sys.stderr)
        for key, count in sorted(outcomes.items()):
            print(f"  {count:4d}  {key}", file=sys.stderr)
        self.assertEqual(problems, [], "\n".join(problems))
        # Every flip inside the sealed log's HDF5 bytes is caught by the checksum, before HDF5.
        self.assertEqual(unnoticed, [], "\n".join(unnoticed))

    def test_a_fifo_is_refused_at_once(self):
        fifo = os.path.join(self.dir, "pipe.h5")
        os.mkfifo(fifo)
        rc, err, seconds = self.log_info(fifo)
        self.assertEqual(rc, 1, err)
        self.assertIn("not a regular file", err)
        self.assertEqual(len(err.strip().splitlines()), 1, err)
        self.assertLess(seconds, 10)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], *sys.argv[4:]], verbosity=2)

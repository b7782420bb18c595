"""A private single-node Slurm cluster for tests: munged, slurmctld and slurmd
under one fresh /tmp/slurm.XXXX directory, nothing in /etc, stopped by the
PIDs recorded at start (facts: docs/sweeps-on-slurm.md, "The test cluster").

    with SlurmCluster() as cluster:       # raises SlurmUnavailable if it cannot start
        env = cluster.env                  # SLURM_CONF for sbatch, squeue, ...
        cluster.wait_idle_queue()

Needs the Debian packages slurmctld, slurmd, slurm-client and munge
(scripts/install-deps.sh installs them).
"""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time


class SlurmUnavailable(Exception):
    pass


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SlurmCluster:
    def __init__(self):
        self.dir = None
        self.pids = []
        self.env = dict(os.environ)

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def _daemon(self, argv, name):
        log = open(os.path.join(self.dir, name + ".log"), "wb")
        # setsid and no pipes: the daemons must not hold our stdout open.
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                             start_new_session=True, env=self.env)
        log.close()
        self.pids.append(p)
        return p

    def start(self):
        for tool in ("munged", "mungekey", "slurmctld", "slurmd", "sbatch", "squeue", "sinfo"):
            if not shutil.which(tool, path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin"):
                raise SlurmUnavailable(f"{tool} is not installed (scripts/install-deps.sh installs slurmctld, "
                                       "slurmd, slurm-client and munge)")
        self.dir = tempfile.mkdtemp(prefix="slurm.", dir="/tmp")  # short: socket paths are limited to ~107 bytes
        os.chmod(self.dir, 0o711)  # munged refuses a socket directory others cannot traverse
        d = self.dir
        user = subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
        host = socket.gethostname().split(".")[0]
        sbin = lambda t: shutil.which(t, path="/usr/sbin:/sbin:" + os.environ.get("PATH", ""))
        key, sock = os.path.join(d, "munge.key"), os.path.join(d, "munge.socket")
        subprocess.run([sbin("mungekey"), "-c", "-k", key], check=True, capture_output=True)
        os.chmod(key, 0o600)
        self._daemon([sbin("munged"), "-F", f"--socket={sock}", f"--key-file={key}",
                      f"--pid-file={d}/munged.pid", f"--seed-file={d}/munge.seed", f"--log-file={d}/munged.log"],
                     "munged-out")
        for _ in range(100):
            if os.path.exists(sock):
                break
            time.sleep(0.05)
        node = subprocess.run([sbin("slurmd"), "-C"], capture_output=True, text=True).stdout.split("\n")[0]
        fields = dict(f.split("=", 1) for f in node.split() if "=" in f)
        memory = int(int(fields.get("RealMemory", "1000")) * 0.9)
        for sub in ("state", "spool"):
            os.makedirs(os.path.join(d, sub))
        open(os.path.join(d, "plugstack.conf"), "w").close()
        conf = os.path.join(d, "slurm.conf")
        with open(conf, "w") as f:
            f.write(f"""ClusterName=adaroundtest
SlurmctldHost={host}
SlurmctldPort={_free_port()}
SlurmdPort={_free_port()}
SlurmUser={user}
SlurmdUser={user}
AuthType=auth/munge
AuthInfo=socket={sock}
CredType=cred/munge
StateSaveLocation={d}/state
SlurmdSpoolDir={d}/spool
SlurmctldPidFile={d}/slurmctld.pid
SlurmdPidFile={d}/slurmd.pid
SlurmctldLogFile={d}/slurmctld.log
SlurmdLogFile={d}/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc={d}/jobcomp.txt
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MailProg=/bin/true
PlugStackConfig={d}/plugstack.conf
ReturnToService=2
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
NodeName={host} NodeAddr=127.0.0.1 CPUs={fields.get("CPUs", "1")} RealMemory={memory} State=UNKNOWN
PartitionName=debug Nodes={host} Default=YES MaxTime=INFINITE State=UP
""")
        self.env["SLURM_CONF"] = conf
        self._daemon([sbin("slurmctld"), "-D", "-f", conf], "slurmctld-out")
        self._daemon([sbin("slurmd"), "-D", "-f", conf, "-N", host], "slurmd-out")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            for p in self.pids:
                if p.poll() is not None:
                    raise SlurmUnavailable(f"{p.args[0]} exited with {p.returncode}: " + self.logs())
            state = subprocess.run(["sinfo", "-h", "-o", "%t"], capture_output=True, text=True, env=self.env)
            if state.returncode == 0 and state.stdout.strip() == "idle":
                return
            time.sleep(0.1)
        raise SlurmUnavailable("the node did not become idle in 30 s: " + self.logs())

    def logs(self):
        out = []
        for name in ("slurmctld.log", "slurmd.log", "munged.log"):
            path = os.path.join(self.dir, name)
            if os.path.exists(path):
                out.append(f"--- {name} (end)\n" + open(path, errors="replace").read()[-1500:])
        return "\n".join(out)

    def queue(self, job=None):
        argv = ["squeue", "-h", "-r", "-o", "%i %T"] + (["-j", str(job)] if job else [])
        p = subprocess.run(argv, capture_output=True, text=True, env=self.env)
        return p.stdout.split("\n") if p.returncode == 0 else []

    def wait_idle_queue(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not [line for line in self.queue() if line.strip()]:
                return
            time.sleep(0.2)
        raise AssertionError("the Slurm queue did not empty in time: " + "\n".join(self.queue()))

    def stop(self):
        if self.dir and "SLURM_CONF" in self.env:
            subprocess.run(["scancel", "-u", subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()],
                           capture_output=True, env=self.env)
            try:
                self.wait_idle_queue(timeout=15)
            except AssertionError:
                pass
        # slurmd, slurmctld, then munged: reverse order of start, by the recorded PIDs.
        for p in reversed(self.pids):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        self.pids = []
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

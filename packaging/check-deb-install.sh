#!/usr/bin/env bash
# Builds the Debian package and installs it on a clean Debian 12: a debootstrap'd
# bookworm chroot (minbase, packages from deb.debian.org), where
#   apt-get install --no-install-recommends ./adaround-workbench_*.deb
# must pull in everything the programs need through the package's Depends alone.
# Then, inside the chroot, from /usr:
#   - adaround-cli --version; the demo models in /usr/share/adaround-workbench/models
#   - adaround-prepare-demo writes ~/.cache/adaround-workbench/fmnist-v1 from
#     dataset-fashion-mnist; adaround-cli rtn evaluates the installed model on it
#   - (now Xvfb and the validators are installed) adaround-workbench --demo
#     --screenshot under Xvfb with an empty cache: it runs adaround-prepare-demo
#     itself, opens the model from /usr/share, runs AdaRound and writes a PNG
#   - desktop-file-validate and appstreamcli validate --no-net on the installed files
# and prints a PASS/FAIL summary (exit status 0 only if everything passed).
#
# Not part of CI: it takes several minutes (the first run downloads ~1 GB of
# Debian packages; they are cached). Needs root (debootstrap, chroot, mounts).
#
# usage: packaging/check-deb-install.sh [BUILD_DIR]     (default: build)
#   ADAROUND_DEB_CHECK_CACHE  cache folder (default /var/tmp/adaround-deb-check):
#                             the debootstrap'd base, downloaded .debs, the chroot
#   ADAROUND_DEB_CHECK_ITERS  AdaRound iterations before the screenshot (default 300)
#   ADAROUND_DEB_CHECK_MIRROR Debian mirror (default http://deb.debian.org/debian)
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$src/build}" && pwd)
cache=${ADAROUND_DEB_CHECK_CACHE:-/var/tmp/adaround-deb-check}
iters=${ADAROUND_DEB_CHECK_ITERS:-300}
mirror=${ADAROUND_DEB_CHECK_MIRROR:-http://deb.debian.org/debian}
suite=bookworm
base=$cache/$suite-minbase      # debootstrap'd once, never modified afterwards
root=$cache/root                # a fresh copy of base for every run
archives=$cache/apt-archives    # downloaded .debs, shared between runs
log=$cache/log

if [[ $(id -u) -ne 0 ]]; then
  echo "check-deb-install: needs root (debootstrap, chroot, mount)" >&2
  exit 2
fi
for tool in debootstrap cpack dpkg-deb; do
  command -v "$tool" > /dev/null || { echo "check-deb-install: $tool is missing" >&2; exit 2; }
done
mkdir -p "$cache" "$archives/partial" "$log"

declare -a names results
record() { # NAME STATUS
  names+=("$1")
  results+=("$2")
  printf '%-60s %s\n' "$1" "$2"
}
step() { echo; echo "== $*"; }

# --- 1. the package --------------------------------------------------------
step "building the package from $build"
nice cmake --build "$build" -j2 --target adaround-cli adaround-workbench adaround-prepare-demo > "$log/build.txt" 2>&1 ||
  { tail -20 "$log/build.txt"; echo "FAIL: build"; exit 1; }
rm -rf "$cache/deb"
(cd "$build" && cpack -G DEB -B "$cache/deb") > "$log/cpack.txt" 2>&1 ||
  { tail -20 "$log/cpack.txt"; echo "FAIL: cpack"; exit 1; }
deb=$(ls "$cache"/deb/adaround-workbench_*_amd64.deb)
echo "$(basename "$deb"): $(du -h "$deb" | cut -f1)"
dpkg-deb -f "$deb" Depends | fold -s -w 100 | sed 's/^/  /'

# --- 2. a clean Debian 12 ----------------------------------------------------
if [[ ! -e $base/.complete ]]; then
  step "debootstrap $suite (minbase) into $base"
  rm -rf "$base"
  debootstrap --variant=minbase "$suite" "$base" "$mirror" > "$log/debootstrap.txt" 2>&1 ||
    { tail -20 "$log/debootstrap.txt"; echo "FAIL: debootstrap"; exit 1; }
  touch "$base/.complete"
fi

mounts=()
cleanup() {
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[i]}" 2> /dev/null || true; done
}
trap cleanup EXIT
bind() { # HOST_DIR CHROOT_DIR
  mkdir -p "$2"
  mount --bind "$1" "$2"
  mounts+=("$2")
  # Private: on hosts where / is a shared mount, nothing mounted or unmounted below
  # the bind may propagate back to the host's own folder.
  mount --make-private "$2"
}

step "fresh chroot $root"
# Mounts an interrupted run left behind go first: rm must never reach the host's /dev.
{ grep -o " $root/[^ ]*" /proc/mounts || true; } | sort -r | xargs -r -n1 umount -l
rm -rf --one-file-system "$root"
cp -a "$base" "$root"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc" && mounts+=("$root/proc")
bind /dev "$root/dev"
mount -t tmpfs tmpfs "$root/tmp" && mounts+=("$root/tmp")
bind "$archives" "$root/var/cache/apt/archives"
cp "$deb" "$root/tmp/"
in_root() { # COMMAND...: a login-like clean environment as root inside the chroot
  env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive chroot "$root" "$@"
}

# --- 3. install -------------------------------------------------------------------
step "apt-get install ./$(basename "$deb") (Depends only, no Recommends)"
in_root apt-get update -q > "$log/apt-update.txt" 2>&1 || { tail "$log/apt-update.txt"; echo "FAIL: apt-get update"; exit 1; }
if in_root apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" > "$log/apt-install.txt" 2>&1 &&
   in_root dpkg-query -W -f='${Status}\n' adaround-workbench | grep -q "install ok installed"; then
  record "apt-get install ./$(basename "$deb")" PASS
  grep -E "^[0-9]+ upgraded, [0-9]+ newly installed" "$log/apt-install.txt" | sed 's/^/  /'
else
  tail -20 "$log/apt-install.txt"
  record "apt-get install ./$(basename "$deb")" FAIL
fi
echo "  BLAS used by LibTorch: $(in_root readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)"

check() { # NAME COMMAND...: runs COMMAND in the chroot, output to the log
  local name=$1 file
  shift
  file="$log/$(echo "$name" | tr -c 'A-Za-z0-9\n' '_' | cut -c1-60).txt"
  local start=$SECONDS
  if in_root "$@" > "$file" 2>&1; then
    record "$name" "PASS ($((SECONDS - start)) s)"
  else
    record "$name" "FAIL ($((SECONDS - start)) s)"
    tail -15 "$file" | sed 's/^/    | /'
  fi
}

# --- 4. the checks, from /usr -----------------------------------------------------
step "checks inside the chroot (logs in $log)"
# First what needs nothing but the package and its Depends.
check "adaround-cli --version" sh -c 'adaround-cli --version && adaround-cli --version | grep -q "[0-9]"'
check "demo models in /usr/share/adaround-workbench/models" sh -c \
  'ls -l /usr/share/adaround-workbench/models && test -s /usr/share/adaround-workbench/models/fmnist_cnn.pt'
check "adaround-prepare-demo (into ~/.cache, then 'ready')" sh -c '
  set -e
  adaround-prepare-demo
  out=$(adaround-prepare-demo)
  echo "$out"
  test "$out" = "demo data ready in /root/.cache/adaround-workbench/fmnist-v1"
  test $(find /root/.cache/adaround-workbench/fmnist-v1/eval -name "*.png" | wc -l) -eq 10000
  test $(find /root/.cache/adaround-workbench/fmnist-v1/calib -name "*.png" | wc -l) -eq 1024'
check "adaround-cli rtn on the installed demo model" sh -c '
  set -e
  adaround-cli rtn --model /usr/share/adaround-workbench/models/fmnist_cnn.pt \
    --eval /root/.cache/adaround-workbench/fmnist-v1/eval --bits 8 --json > /tmp/rtn.json
  head -c 300 /tmp/rtn.json; echo
  grep -q "top1" /tmp/rtn.json'

# Then the tools for the rest (installed only now: they must not hide a missing Depends).
in_root apt-get install -y -q --no-install-recommends xvfb xauth desktop-file-utils appstream file \
  > "$log/apt-tools.txt" 2>&1 || { tail "$log/apt-tools.txt"; echo "FAIL: installing the check tools"; exit 1; }
# A cache of its own: the workbench finds nothing prepared there, starts
# /usr/bin/adaround-prepare-demo itself, then opens the model from /usr/share.
check "workbench --demo --screenshot under Xvfb ($iters iterations)" sh -c "
  set -e
  export XDG_CACHE_HOME=/root/xdg-cache
  cd /tmp && timeout 1200 xvfb-run -a -s '-screen 0 1600x1000x24' \
    adaround-workbench --demo --screenshot /tmp/x.png --after-iterations $iters
  info=\$(file /tmp/x.png)
  echo \"\$info\"
  case \"\$info\" in *'PNG image data'*) ;; *) exit 1 ;; esac
  test \$(stat -c %s /tmp/x.png) -gt 20000
  out=\$(adaround-prepare-demo)  # the folder the workbench prepared is the tool's default
  echo \"\$out\"
  test \"\$out\" = 'demo data ready in /root/xdg-cache/adaround-workbench/fmnist-v1'"
check "desktop-file-validate adaround-workbench.desktop" sh -c \
  'out=$(desktop-file-validate /usr/share/applications/adaround-workbench.desktop 2>&1); echo "$out"; test -z "$out"'
check "appstreamcli validate --no-net (metainfo)" \
  appstreamcli validate --no-net --pedantic /usr/share/metainfo/io.github.adaround.workbench.metainfo.xml
if [[ -s $root/tmp/x.png ]]; then cp "$root/tmp/x.png" "$cache/screenshot.png"; fi
rtn_figures=$(python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))
print("FP32 top-1 %.2f %%, 8-bit RTN top-1 %.2f %%" % (r["fp32"]["top1"], r["rtn"]["top1"]))' \
  "$root/tmp/rtn.json" 2> /dev/null || true)

# --- 5. summary -------------------------------------------------------------------
failed=0
echo
echo "== summary: $(basename "$deb") on a clean Debian 12 ($suite chroot)"
for i in "${!names[@]}"; do
  printf '  %-4s  %s\n' "${results[i]%% *}" "${names[i]}"
  [[ ${results[i]} == PASS* ]] || failed=$((failed + 1))
done
[[ -n $rtn_figures ]] && echo "  installed demo model: $rtn_figures"
[[ -s $cache/screenshot.png ]] && echo "  screenshot: $cache/screenshot.png"
if ((failed)); then
  echo "FAIL ($failed of ${#names[@]} checks failed, $((SECONDS / 60)) min $((SECONDS % 60)) s; logs in $log)"
  exit 1
fi
echo "PASS (all ${#names[@]} checks, $((SECONDS / 60)) min $((SECONDS % 60)) s in all)"

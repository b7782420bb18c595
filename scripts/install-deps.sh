#!/usr/bin/env bash
# Installs the Debian 12 packages that building, the demo and the tests need,
# and makes OpenBLAS (OpenMP build) the system BLAS: without it Debian's
# LibTorch falls back to the reference BLAS, ~35x slower on GEMMs.
# As root it installs with apt; otherwise it names what is missing and stops.
set -euo pipefail

PACKAGES=(
  cmake ninja-build g++ pkg-config
  libtorch-dev libopenblas0-openmp
  libopencv-dev libhdf5-dev hdf5-tools zlib1g-dev
  qt6-base-dev libqcustomplot-dev
  nlohmann-json3-dev libcli11-dev libssl-dev
  libgtest-dev locales
  python3-torch python3-torchvision python3-numpy python3-h5py python3-matplotlib
  dataset-fashion-mnist
  xvfb xauth imagemagick
  desktop-file-utils appstream dpkg-dev
  slurmctld slurmd slurm-client munge # the sweep test's private cluster (tests/app/slurm_cluster.py)
)

# Fuzzing (scripts/fuzz.sh, not part of CI) installs clang and libclang-rt-14-dev itself.

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "Missing Debian packages: ${missing[*]}" >&2
    echo "Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# OpenBLAS with OpenMP as libblas.so.3 / liblapack.so.3 (the pthread build would
# win by priority if installed, and its threads fight LibTorch's OpenMP pool).
arch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
for lib in libblas.so.3 liblapack.so.3; do
  want="/usr/lib/$arch/openblas-openmp/$lib"
  current=$(update-alternatives --query "$lib-$arch" 2>/dev/null | awk '/^Value:/ {print $2}')
  if [[ -e $want && $current != "$want" ]]; then
    if [[ $(id -u) -eq 0 ]]; then
      update-alternatives --set "$lib-$arch" "$want"
    else
      echo "warning: $lib is $current, not OpenBLAS/OpenMP; as root run:" >&2
      echo "  update-alternatives --set $lib-$arch $want" >&2
    fi
  fi
done

# A comma-decimal locale for the locale tests (numbers must not follow it).
if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
  if [[ $(id -u) -eq 0 ]]; then
    sed -i 's/^# *de_DE.UTF-8 UTF-8/de_DE.UTF-8 UTF-8/' /etc/locale.gen
    grep -q '^de_DE.UTF-8 UTF-8' /etc/locale.gen || echo 'de_DE.UTF-8 UTF-8' >> /etc/locale.gen
    locale-gen > /dev/null
  else
    echo "warning: the de_DE.UTF-8 locale is missing (the locale tests need it); as root run:" >&2
    echo "  echo 'de_DE.UTF-8 UTF-8' >> /etc/locale.gen && locale-gen" >&2
  fi
fi

#!/usr/bin/env bash
# One command: install what is missing, build, prepare the Fashion-MNIST demo and
# run the main job on it. With a display it opens the workbench on the demo;
# with --headless (or no display) it runs the CLI and prints the results.
set -euo pipefail
cd "$(dirname "$0")"

headless=0
for arg in "$@"; do
  case $arg in
    --headless) headless=1 ;;
    -h|--help) echo "usage: ./run.sh [--headless]"; exit 0 ;;
    *) echo "run.sh: unknown option $arg (usage: ./run.sh [--headless])" >&2; exit 2 ;;
  esac
done
if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
  headless=1
fi

scripts/install-deps.sh
scripts/build.sh
build/datasets/adaround-prepare-demo
demo=$(build/datasets/adaround-prepare-demo --print-dir)

if ((headless)); then
  # The main job: AdaRound against round-to-nearest and FP32 on the compact CNN,
  # 2-bit weights (first and last layer 8-bit), 2,000 iterations per layer.
  echo
  echo "=== fmnist_cnn: AdaRound vs round-to-nearest, 2-bit weights (first/last layer 8-bit) ==="
  build/app/adaround-cli run --model datasets/models/fmnist_cnn.pt \
      --calib "$demo/calib" --eval "$demo/eval" --bits 2 --iters 2000
else
  exec build/app/adaround-workbench --demo
fi

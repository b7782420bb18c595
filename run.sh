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
  # The main job: round-to-nearest against FP32 on both demo models.
  for model in fmnist_cnn fmnist_mobilenet; do
    echo
    echo "=== $model: FP32 vs round-to-nearest, 4-bit weights (first/last layer 8-bit) ==="
    build/app/adaround-cli rtn --model "datasets/models/$model.pt" --eval "$demo/eval" --bits 4
  done
else
  exec build/app/adaround-workbench --demo
fi

#!/usr/bin/env bash
# Every unit and integration test under AddressSanitizer and UBSan, the long
# end-to-end runs included (./test.sh runs a chosen set there; see
# tests/CMakeLists.txt). About 40 minutes on 2 cores: a script to run before a
# release or after a change to the engine's memory handling, not part of CI.
# Arguments go to ctest (for example -R adaround_run_test).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset asan -DADAROUND_SANITIZE_ALL=ON > /dev/null
cmake --build --preset asan
status=0
ctest --preset asan --parallel "$(nproc)" "$@" || status=$?
# Back to the chosen set for ./test.sh.
cmake --preset asan -DADAROUND_SANITIZE_ALL=OFF > /dev/null
exit $status

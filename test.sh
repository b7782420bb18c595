#!/usr/bin/env bash
# One command: install what is missing, build, and run the whole test suite,
# then the core and CLI tests again under AddressSanitizer and
# UndefinedBehaviorSanitizer. Arguments go to both ctest runs:
# ./test.sh -L unit runs one label (unit, integration, gui, slow).
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
scripts/build.sh
status=0
QT_QPA_PLATFORM=offscreen ctest --preset default "$@" || status=$?

# The sanitized tree (build-asan): core, the CLI, the sandbox helper and every
# test of theirs built with -fsanitize=address,undefined (no GUI, no benchmarks);
# its unit and integration tests run with the asan test preset's options (a
# heap error, undefined behaviour or a leak fails the test; known leaks of
# LibTorch and its libraries: tests/sanitizers/lsan.supp).
if ! grep -qs '^ADAROUND_SANITIZE:BOOL=ON' build-asan/CMakeCache.txt; then
  cmake --preset asan > /dev/null
fi
cmake --build --preset asan
echo "=== core and CLI tests under AddressSanitizer + UndefinedBehaviorSanitizer ==="
ctest --preset asan "$@" || status=$?
exit $status

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
# As many tests at once as there are cores: most are start-up and I/O bound or
# use two threads; OMP_WAIT_POLICY=PASSIVE (tests/CMakeLists.txt) keeps
# OpenMP from spinning when they share the cores.
QT_QPA_PLATFORM=offscreen ctest --preset default --parallel "$(nproc)" "$@" || status=$?

# The sanitized tree (build-asan): core, the CLI, the sandbox helper and every
# test of theirs built with -fsanitize=address,undefined (no GUI, no benchmarks);
# its unit and integration tests run with the asan test preset's options (a
# heap error, undefined behaviour or a leak fails the test; a third-party
# leak would be named in tests/sanitizers/lsan.supp).
if ! grep -qs '^ADAROUND_SANITIZE:BOOL=ON' build-asan/CMakeCache.txt; then
  cmake --preset asan > /dev/null
fi
cmake --build --preset asan
echo "=== core and CLI tests under AddressSanitizer + UndefinedBehaviorSanitizer ==="
ctest --preset asan --parallel "$(nproc)" "$@" || status=$?
exit $status

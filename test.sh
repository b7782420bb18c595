#!/usr/bin/env bash
# One command: install what is missing, build, and run the whole test suite,
# then the run-log tests under AddressSanitizer.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
scripts/build.sh
status=0
QT_QPA_PLATFORM=offscreen ctest --preset default "$@" || status=$?

# The run-log reader and writer parse untrusted files: run their tests under
# AddressSanitizer. Only the Torch-free library and its test are built (~1 min).
if [[ ! -f build-asan/CMakeCache.txt ]]; then
  cmake --preset asan -DADAROUND_BUILD_GUI=OFF -DADAROUND_BUILD_BENCH=OFF > /dev/null
fi
cmake --build --preset asan --target run_log_reader_test
echo "=== run-log tests under AddressSanitizer ==="
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 build-asan/tests/run_log_reader_test --gtest_brief=1 || status=$?
exit $status

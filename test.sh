#!/usr/bin/env bash
# One command: install what is missing, build, and run the whole test suite,
# then the Torch-free tests under AddressSanitizer. Arguments go to ctest:
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

# The run-log reader and writer and the JSON configuration parse untrusted
# files: run the Torch-free tests under AddressSanitizer. Only the base and
# run-log libraries and these tests are built (~1 min).
if [[ ! -f build-asan/CMakeCache.txt ]]; then
  cmake --preset asan -DADAROUND_BUILD_GUI=OFF -DADAROUND_BUILD_BENCH=OFF > /dev/null
fi
asan_tests=(run_log_reader_test run_log_integrity_test config_json_test run_record_test class_list_test)
cmake --build --preset asan --target "${asan_tests[@]}"
echo "=== Torch-free tests under AddressSanitizer ==="
for t in "${asan_tests[@]}"; do
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 "build-asan/tests/$t" --gtest_brief=1 || status=$?
done
exit $status

#!/usr/bin/env bash
# scripts/fuzz.sh [MINUTES] [TARGET...]: fuzzes each target of tests/fuzz for
# MINUTES (default 5; 0 sorts the last session's findings again), one after
# another, seeded with its committed corpus (tests/fuzz/corpus/<target>/). Installs clang if missing (root), builds the
# `fuzz` preset (clang, libFuzzer + ASan + UBSan) into build-fuzz/, and prints
# per target libFuzzer's last stat line (executions run) and the crashes found,
# each sorted by its faulting frame: our code, or libhdf5 (whose crashes on a
# damaged file the sandbox helper contains; not ours to fix). Targets:
# runlog_seal runlog_parse config_json image_header model_archive (default all).
# Work corpora, crash inputs and logs stay in build-fuzz/fuzz-work/<target>/.
# Exit 1 if a crash in our code was found. Not part of ./test.sh (which replays
# the committed corpus as CTest tests fuzz.<target>.corpus).
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=${1:-5}
[[ $# -gt 0 ]] && shift
seconds=$(awk -v m="$minutes" 'BEGIN { s = int(m * 60); if (s < 0 || m !~ /^[0-9.]+$/) exit 1; print s }') ||
  { echo "usage: scripts/fuzz.sh [MINUTES] [TARGET...]" >&2; exit 2; }
all=(runlog_seal runlog_parse config_json image_header model_archive)
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")

# clang, and its sanitizer and libFuzzer runtimes (libclang_rt.fuzzer-x86_64.a
# is in libclang-rt-14-dev on Debian 12): only this script needs them.
missing=()
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "fuzzing needs: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" > /dev/null
fi

[[ -f build-fuzz/CMakeCache.txt ]] || cmake --preset fuzz > /dev/null
nice -n 10 cmake --build --preset fuzz -j1 --target "${targets[@]/%/_fuzz}" | grep -Ev '^(\[|-- )' || true

# "ours", "libhdf5" or "other: MODULE", from a crash report: the first stack frame
# outside the sanitizer and fuzzer runtimes (frames of the target without a
# source line: its interceptors, e.g. strdup), libc and the C++ runtime.
classify() {
  awk '
    /^ *#[0-9]+ 0x/ {
      if ($0 ~ /compiler-rt|__sanitizer|fuzzer::|libclang_rt|libc\.so|nptl|pthread_kill|libstdc\+\+|libgcc_s|in abort|in raise|in __GI_|__cxa_|std::terminate|__gnu_cxx::__verbose_terminate|_fuzz\+0x|__interceptor_|__asan|__lsan|__ubsan|sysdeps|in (malloc|calloc|realloc|free|operator new|operator delete)[ (]/) next
      if ($0 ~ /libhdf5/) { print "libhdf5"; found = 1; exit }
      # A frame in a shared library reads "(/lib/.../libfoo.so.1+0x...)"; the rest
      # (with file:line) is compiled into the target: ours, header-only libraries included.
      if ($0 ~ /\(\/[^ ]*\.so[.0-9]*\+0x/) { m = $0; sub(/.*\(/, "", m); sub(/\+0x.*/, "", m); print "other: " m; found = 1; exit }
      print "ours"; found = 1; exit
    }
    END { if (!found) print "ours" }'
}

# The faulting function (frame as above), to tell crashes apart.
where() {
  awk '
    /^ *#[0-9]+ 0x/ {
      if ($0 ~ /compiler-rt|__sanitizer|fuzzer::|libclang_rt|libc\.so|nptl|pthread_kill|libstdc\+\+|libgcc_s|in abort|in raise|in __GI_|__cxa_|std::terminate|__gnu_cxx::__verbose_terminate|_fuzz\+0x|__interceptor_|__asan|__lsan|__ubsan|sysdeps|in (malloc|calloc|realloc|free|operator new|operator delete)[ (]/) next
      sub(/^ *#[0-9]+ 0x[0-9a-f]+ +(in )?/, ""); sub(/ *\(BuildId: [0-9a-f]+\)/, ""); print; exit
    }'
}

status=0
summary=()
for t in "${targets[@]}"; do
  work=build-fuzz/fuzz-work/$t
  mkdir -p "$work/corpus" "$work/artifacts"
  bin=build-fuzz/tests/fuzz/${t}_fuzz
  if ((seconds > 0)); then
    echo "=== $t: fuzzing for $minutes min"
    # Fork mode: a crash ends the job, not the session; every crash input is kept.
    # Leaks are not checked: HDF5 keeps memory across failed opens by design.
    nice -n 10 "$bin" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
      -max_total_time="$seconds" -timeout=3 -rss_limit_mb=2048 -detect_leaks=0 \
      -artifact_prefix="$work/artifacts/" "$work/corpus" "tests/fuzz/corpus/$t" > "$work/fuzz.log" 2>&1 || true
  else
    echo "=== $t: the findings of the last session" # MINUTES 0: sort them again, no fuzzing
  fi
  stat=$(grep -E '^#[0-9]+' "$work/fuzz.log" 2>/dev/null | tail -1 || true)
  execs=$(sed -E 's/^#([0-9]+).*/\1/' <<< "$stat")
  echo "$stat"
  ours=0 hdf5=0 other=0
  declare -A seen=() kinds=([crash]=0 [timeout]=0 [oom]=0)
  for a in "$work"/artifacts/crash-* "$work"/artifacts/timeout-* "$work"/artifacts/oom-*; do
    [[ -e $a ]] || continue
    kind=$(basename "$a"); kind=${kind%%-*}
    kinds[$kind]=$((kinds[$kind] + 1))
    rc=0
    report=$(timeout 120 "$bin" -timeout=3 -rss_limit_mb=2048 -detect_leaks=0 "$a" 2>&1) || rc=$?
    if ((rc == 0)); then # a job that died for another reason (fork mode): no finding
      kinds[$kind]=$((kinds[$kind] - 1))
      continue
    fi
    class=$(classify <<< "$report")
    frame=$(where <<< "$report")
    case $class in
      ours) ours=$((ours + 1)) ;;
      libhdf5) hdf5=$((hdf5 + 1)) ;;
      *) other=$((other + 1)) ;;
    esac
    # One line per distinct faulting frame.
    key="$class|$kind|$(sed -E 's/\+0x[0-9a-f]+//' <<< "$frame")"
    if [[ -z ${seen[$key]:-} ]]; then
      seen[$key]=1
      echo "  $kind ($class) in ${frame:-?}: $a"
      grep -m1 -E '^SUMMARY|FUZZ_CHECK failed' <<< "$report" | sed 's/^/    /' || true
    fi
  done
  found=$((ours + hdf5 + other))
  line="$t: ${execs:-0} executions in $minutes min; $found crashing inputs (${kinds[crash]} crashes,"
  line+=" ${kinds[timeout]} hangs, ${kinds[oom]} out of memory): ours $ours, libhdf5 $hdf5, other libraries $other"
  unset seen kinds
  echo "$line"
  summary+=("$line")
  ((ours == 0)) || status=1
done
echo "=== summary"
printf '%s\n' "${summary[@]}"
exit $status

#!/usr/bin/env bash
# CTest packaging.deb_contents: builds the Debian package with CPack into a
# temporary folder from an already built tree and checks what it holds, without
# installing it:
#   - the file name and control fields (Package, Version, Architecture, Depends)
#   - Depends: the explicit run-time needs plus what dpkg-shlibdeps found, no -dev
#     package, every name known to apt (when apt has package lists)
#   - the files: the three programs and the two helpers they start (executable,
#     no build-tree RUNPATH), desktop
#     entry, icon, AppStream metainfo, the demo models (identical to the committed
#     ones), the user guide (docs/workbench.md), and nothing outside /usr
#   - desktop-file-validate and appstreamcli validate --no-net --pedantic clean on the
#     packaged files, and the files agreeing with each other (Exec, Icon, launchable,
#     provided binaries, release version = package version)
# The install on a clean Debian 12 is packaging/check-deb-install.sh (minutes; not CI).
#
# usage: check-deb-contents.sh BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail
build=$1 src=$2 version=$3

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok:   $*"; }

for tool in cpack dpkg-deb dpkg-shlibdeps desktop-file-validate appstreamcli readelf; do
  command -v "$tool" > /dev/null || { echo "FAIL: $tool is missing (scripts/install-deps.sh installs it)"; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! cpack --config "$build/CPackConfig.cmake" -G DEB -B "$tmp/out" > "$tmp/cpack.txt" 2>&1; then
  cat "$tmp/cpack.txt"
  echo "FAIL: cpack"
  exit 1
fi

# --- the file and its control fields ---------------------------------------------
deb=$tmp/out/adaround-workbench_${version}_amd64.deb
if [[ ! -f $deb ]]; then
  ls "$tmp/out"
  echo "FAIL: no adaround-workbench_${version}_amd64.deb"
  exit 1
fi
ok "$(basename "$deb") ($(du -h "$deb" | cut -f1))"

field() { dpkg-deb -f "$deb" "$1"; }
[[ $(field Package) == adaround-workbench ]] && ok "Package: adaround-workbench" || fail "Package: $(field Package)"
[[ $(field Version) == "$version" ]] && ok "Version: $version" || fail "Version: $(field Version), want $version"
[[ $(field Architecture) == amd64 ]] && ok "Architecture: amd64" || fail "Architecture: $(field Architecture)"
[[ -n $(field Description) && -n $(field Maintainer) ]] && ok "Description, Maintainer" ||
  fail "Description or Maintainer empty"

depends=$(field Depends)
echo "      Depends: $depends"
# One name per entry (alternatives split), versions dropped.
mapfile -t dep_names < <(echo "$depends" | tr ',|' '\n\n' | sed -E 's/\(.*\)//; s/^ +//; s/ +$//' | grep -v '^$')
has_dep() { printf '%s\n' "${dep_names[@]}" | grep -Eqx "$1"; }
# Explicit (dlopen'd or data) and found by dpkg-shlibdeps (linked).
for want in libopenblas0-openmp qt6-qpa-plugins dataset-fashion-mnist \
            'libtorch[0-9.]+' 'libqt6widgets6' 'libqcustomplot[0-9.]+-qt6' 'libopencv-core[0-9]+' \
            'libhdf5-[0-9-]+' 'libssl3' 'libc6'; do
  has_dep "$want" && ok "Depends has $want" || fail "Depends lacks $want"
done
for name in "${dep_names[@]}"; do
  [[ $name =~ ^[a-z0-9][a-z0-9.+-]+$ ]] || fail "Depends entry '$name' is not a package name"
  [[ $name == *-dev ]] && fail "Depends on a development package: $name"
done
if compgen -G '/var/lib/apt/lists/*_Packages*' > /dev/null; then
  # One apt-cache call for all names (each call costs seconds on a busy machine).
  known=$(apt-cache show --no-all-versions "${dep_names[@]}" 2> /dev/null | sed -n 's/^Package: //p' | sort -u)
  unknown=()
  for name in "${dep_names[@]}"; do
    grep -qx -- "$name" <<< "$known" || unknown+=("$name")
  done
  ((${#unknown[@]} == 0)) && ok "every Depends name is a Debian package apt knows" ||
    fail "Depends names apt does not know: ${unknown[*]}"
fi

# --- the files -----------------------------------------------------------------------
dpkg-deb -c "$deb" | awk '{print $1, $NF}' > "$tmp/contents.txt"
outside=$(awk '{print $2}' "$tmp/contents.txt" | grep -Ev '^\./(usr/?.*)?$' || true)
[[ -z $outside ]] && ok "every file under /usr" || fail "files outside /usr: $outside"
grep -q ' \./usr/local' "$tmp/contents.txt" && fail "files under /usr/local"
expect_file() { # PATH MODE-PREFIX
  if grep -Eq "^$2[^ ]* \./$1\$" "$tmp/contents.txt"; then ok "/$1"; else fail "missing /$1"; fi
}
programs=(usr/bin/adaround-cli usr/bin/adaround-workbench usr/bin/adaround-prepare-demo
          usr/libexec/adaround-workbench/adaround-cli-engine usr/libexec/adaround-workbench/adaround-log-reader)
for prog in "${programs[@]}"; do
  expect_file "$prog" '-rwxr-xr-x'
done
expect_file usr/share/applications/adaround-workbench.desktop '-rw-r--r--'
expect_file usr/share/icons/hicolor/scalable/apps/adaround-workbench.svg '-rw-r--r--'
expect_file usr/share/metainfo/io.github.adaround.workbench.metainfo.xml '-rw-r--r--'
for model in fmnist_cnn.pt fmnist_mobilenet.pt demo_models.json; do
  expect_file "usr/share/adaround-workbench/models/$model" '-rw-r--r--'
done
# The user guide the workbench's Help menu shows.
expect_file usr/share/adaround-workbench/docs/workbench.md '-rw-r--r--'

dpkg-deb -x "$deb" "$tmp/root"
r=$tmp/root
for model in fmnist_cnn.pt fmnist_mobilenet.pt demo_models.json; do
  if [[ -f $r/usr/share/adaround-workbench/models/$model ]]; then
    cmp -s "$r/usr/share/adaround-workbench/models/$model" "$src/datasets/models/$model" ||
      fail "packaged $model differs from datasets/models/$model"
  fi
done
for prog in "${programs[@]}"; do
  [[ -f $r/$prog ]] || continue
  runpath=$(readelf -d "$r/$prog" | grep -E 'RPATH|RUNPATH' || true)
  [[ -z $runpath ]] && ok "$prog: no RPATH/RUNPATH" || fail "$prog has $runpath"
done
if [[ -x $r/usr/bin/adaround-cli ]]; then
  v=$("$r/usr/bin/adaround-cli" --version 2>&1 || true)
  [[ $v == *"$version"* ]] && ok "packaged adaround-cli --version: $v" || fail "adaround-cli --version: $v"
fi

# --- desktop entry and AppStream metadata ---------------------------------------
desktop=$r/usr/share/applications/adaround-workbench.desktop
metainfo=$r/usr/share/metainfo/io.github.adaround.workbench.metainfo.xml
if [[ -f $desktop ]]; then
  out=$(desktop-file-validate "$desktop" 2>&1) && [[ -z $out ]] && ok "desktop-file-validate: clean" ||
    fail "desktop-file-validate: $out"
  exec_prog=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
  [[ -x $r/usr/bin/$exec_prog ]] && ok "Exec=$exec_prog is packaged" || fail "Exec=$exec_prog not in /usr/bin"
  icon=$(sed -n 's/^Icon=//p' "$desktop")
  [[ -f $r/usr/share/icons/hicolor/scalable/apps/$icon.svg ]] && ok "Icon=$icon is packaged" ||
    fail "Icon=$icon has no file"
fi
if [[ -f $metainfo ]]; then
  out=$(appstreamcli validate --no-net --pedantic --no-color "$metainfo" 2>&1) && ! grep -Eq '^[EWIP]:' <<< "$out" &&
    ok "appstreamcli validate --no-net --pedantic: clean" || fail "appstreamcli validate: $out"
  launchable=$(sed -n 's:.*<launchable type="desktop-id">\(.*\)</launchable>.*:\1:p' "$metainfo")
  [[ -f $r/usr/share/applications/$launchable ]] && ok "launchable $launchable is packaged" ||
    fail "launchable '$launchable' not in /usr/share/applications"
  for b in $(grep -o '<binary>[^<]*</binary>' "$metainfo" | sed 's:</\?binary>::g'); do
    [[ -x $r/usr/bin/$b ]] || fail "metainfo provides binary $b, not packaged"
  done
  release=$(grep -o '<release version="[^"]*"' "$metainfo" | head -1 | cut -d'"' -f2)
  [[ $release == "$version" ]] && ok "metainfo's newest release is $version" ||
    fail "metainfo's newest release is '$release', the package is $version"
fi

if ((failures)); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"

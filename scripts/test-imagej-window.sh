#!/usr/bin/env bash
# Installs DiffPrior into a fresh plain ImageJ 1.x (Debian's `imagej` package) and runs each Plugins > DiffPrior
# command with macro options in a real ImageJ window under Xvfb (scripts/imagej/window-test.ijm): result windows,
# titles, pixel sizes, std maps, montages; screen captures go to OUT_DIR (default docs/).
#   scripts/test-imagej-window.sh [OUT_DIR]
# Needs: apt-get install imagej xvfb (and twm for window titles in the captures). Exit status 0 when every check
# passed, 1 otherwise.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
out="$(readlink -f "${1:-$root/docs}")"
ij_jar=/usr/share/java/ij.jar
for need in "$ij_jar" /usr/bin/Xvfb; do
  [ -e "$need" ] || { echo "test-imagej-window: $need missing; apt-get install imagej xvfb" >&2; exit 2; }
done
plugins="$root/target/plugins/imagej/DiffPrior"
if [ ! -f "$plugins/diffprior.jar" ] || [ -n "$(find "$root/pom.xml" "$root/src/main" -newer "$plugins/diffprior.jar" -print -quit)" ]; then
  (cd "$root" && mvn -q -B -DskipTests package) >&2
fi

work="$(mktemp -d)"
xvfb_pid=""
wm_pid=""
ij_pid=""
# Stops a process this script started: TERM, then KILL when it is still there after 5 s (a JVM's AWT shutdown
# can hang once its display is gone).
stop() {
  [ -n "$1" ] || return 0
  kill "$1" 2>/dev/null || return 0
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.5
  done
  kill -9 "$1" 2>/dev/null || true
}
cleanup() {
  stop "$ij_pid"
  stop "$wm_pid"
  stop "$xvfb_pid"
  rm -rf "$work"
}
trap cleanup EXIT

# The install a user does: the DiffPrior folder into ImageJ's plugins folder.
mkdir -p "$work/ij/plugins" "$work/out"
cp -r "$plugins" "$work/ij/plugins/"

display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
sleep 2
# A window manager draws the windows' titles; windows go where ImageJ puts them.
if command -v twm >/dev/null; then
  printf 'UsePPosition "on"\nRandomPlacement\nNoGrabServer\nTitleFont "fixed"\nMenuFont "fixed"\nIconFont "fixed"\nResizeFont "fixed"\nIconManagerFont "fixed"\n' >"$work/twmrc"
  DISPLAY="$display" twm -f "$work/twmrc" >"$work/twm.log" 2>&1 &
  wm_pid=$!
fi

# The native settings of bin/diffprior (see there for why).
export MALLOC_ARENA_MAX=1 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=68719476736 OMP_WAIT_POLICY=PASSIVE
DISPLAY="$display" java -Xmx4g -Dai.djl.offline=true -cp "$ij_jar" ij.ImageJ -ijpath "$work/ij" -port0 \
  -macro "$root/scripts/imagej/window-test.ijm" "$root/test-images/colin27_heldout_axial100_128.tif|$work/out" \
  >"$work/imagej.log" 2>&1 &
ij_pid=$!

for _ in $(seq 1 300); do
  [ -f "$work/out/report.txt" ] && break
  kill -0 "$ij_pid" 2>/dev/null || break
  sleep 1
done
if [ ! -f "$work/out/report.txt" ]; then
  echo "test-imagej-window: no report after 300 s; ImageJ said:" >&2
  tail -20 "$work/imagej.log" >&2
  exit 1
fi
cat "$work/out/report.txt"
mkdir -p "$out"
cp "$work/out"/*.png "$out/"
echo "screen captures: $(cd "$work/out" && ls *.png | sed "s|^|$out/|" | tr '\n' ' ')"
passed="$(grep -c '^ok ' "$work/out/report.txt" || true)"
failed="$(grep -c '^FAIL ' "$work/out/report.txt" || true)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && grep -q '^failures 0$' "$work/out/report.txt"

#!/usr/bin/env bash
# Regenerates assets/screenshot.png: the editor on the Icarus sample, in a real window under a
# virtual X server. Needs Xvfb and ImageMagick (Debian: apt-get install xvfb imagemagick).
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in Xvfb import; do
    command -v "$tool" >/dev/null || { echo "screenshot.sh: $tool is missing (apt-get install xvfb imagemagick)" >&2; exit 2; }
done

cargo build --release --quiet
display=:97
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
runtime=$(mktemp -d)
data=$(mktemp -d)
trap 'kill "$app" "$xvfb" 2>/dev/null || true; rm -rf "$runtime" "$data"' EXIT
sleep 1
# A fresh data directory: no recent files, no recovery prompt.
DISPLAY=$display XDG_RUNTIME_DIR=$runtime XDG_DATA_HOME=$data target/release/daedalus sample-topologies/icarus-platform.ron &
app=$!
sleep "${SCREENSHOT_WAIT_S:-8}"
DISPLAY=$display import -window root -crop 1440x900+0+0 assets/screenshot.png
echo "wrote assets/screenshot.png"

#!/usr/bin/env bash
# Regenerates the README's pictures.
# - assets/simulation.png, assets/simulation-zone.png: the Simulation panel after a sweep of the
#   Icarus sample and its overlay on the diagram, rendered headless from the real app driven
#   through its UI (tests/readme_screenshots.rs); no display needed.
# - assets/screenshot.png: the editor on the Icarus sample, the release build in a real window
#   under a virtual X server: needs Xvfb and ImageMagick (Debian: apt-get install xvfb
#   imagemagick); without them the headless rendering from the same test file stays.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --quiet --test readme_screenshots -- --ignored --nocapture

for tool in Xvfb import; do
    command -v "$tool" >/dev/null || {
        echo "screenshot.sh: $tool is missing (apt-get install xvfb imagemagick): assets/screenshot.png is the headless rendering" >&2
        exit 0
    }
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

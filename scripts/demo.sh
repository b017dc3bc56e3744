#!/usr/bin/env bash
# README command 1: installs what is needed, builds, and runs the main job
# on its embedded demo input. Until the station exists, the main job is the
# reader on a demo recorded frame set: 120 frames made by the generator (its
# default seed) into the user's cache directory on first run, read frame by
# frame, then benchmarked against whole-frame ZXing. Before that, the GS1
# data layer on the example element strings of scripts/demo-examples.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
BUILD_DIR=${BUILD_DIR:-build} scripts/build.sh
exe="${BUILD_DIR:-build}/gs1-inspect"

status=0
"$exe" parse < scripts/demo-examples.txt || status=$?
echo
echo "gs1-inspect parse exited with $status (0: all valid, 1: some invalid, as several demo inputs are on purpose)."
[[ $status -le 1 ]]

set_dir="${XDG_CACHE_HOME:-$HOME/.cache}/gs1-inspect/demo-frames-120"
if [[ ! -f "$set_dir/frameset.json" ]]; then
  echo
  echo "Making the demo frame set (120 frames) in $set_dir ..."
  rm -rf "$set_dir"
  mkdir -p "$(dirname "$set_dir")"
  "$exe" make-frames --frames 120 --out "$set_dir"
fi
echo
echo "gs1-inspect read on three frames of the demo set:"
"$exe" read "$set_dir/frames/000059.png" "$set_dir/frames/000061.png" "$set_dir/frames/000063.png"
echo
echo "gs1-inspect bench on the demo set, beside whole-frame ZXing:"
"$exe" bench --frames "$set_dir" --baseline

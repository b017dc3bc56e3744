#!/usr/bin/env bash
# README command 1: installs what is needed, builds, and runs the main job
# on its embedded demo input. Until the station exists, the main job is
# `gs1-inspect parse` on the example element strings in
# scripts/demo-examples.txt (valid and invalid ones, all three forms).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
BUILD_DIR=${BUILD_DIR:-build} scripts/build.sh
status=0
"${BUILD_DIR:-build}/gs1-inspect" parse < scripts/demo-examples.txt || status=$?
echo
echo "gs1-inspect parse exited with $status (0: all valid, 1: some invalid, as several demo inputs are on purpose)."
[[ $status -le 1 ]]

#!/usr/bin/env bash
# README command 1: installs what is needed, builds, and runs the main job on
# its embedded default: `gs1-inspect run` with no arguments replays a demo
# recorded frame set (120 frames of cartons on a belt, made by the generator
# into the user's cache directory on first run) in real time through the
# whole station: reading, GS1 validation, carton tracking, verdicts, timed
# diverts (logged), the journal (gs1-inspect-journal.jsonl here) and
# Prometheus metrics on 127.0.0.1:9464 while it runs. Then the same set
# through `gs1-inspect bench --pipeline`, scored against its expectations.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
BUILD_DIR=${BUILD_DIR:-build} scripts/build.sh
exe="${BUILD_DIR:-build}/gs1-inspect"

"$exe" run
echo
echo "The journal, one JSON line per carton: gs1-inspect-journal.jsonl (last record below)"
tail -n 1 gs1-inspect-journal.jsonl
echo
set_dir="${XDG_CACHE_HOME:-$HOME/.cache}/gs1-inspect/demo-frames-120-model2"  # as run_command.cpp names it
echo "gs1-inspect bench --pipeline on the demo set (from memory, as fast as it goes):"
"$exe" bench --pipeline --frames "$set_dir" 2>/dev/null

#!/usr/bin/env bash
# Installs every Debian 12 package gs1-inspect needs to build, test and fuzz.
# Used by both README commands and by .ci/run. Nothing is downloaded at build
# time: every dependency comes from here. Each package is named explicitly,
# including ones a Recommends would normally bring in.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git
  # clang for the libFuzzer targets; the fuzzer/sanitizer runtimes live in
  # libclang-rt-14-dev, which clang only recommends
  clang-14 libclang-rt-14-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # command line, JSON output, formatting
  libcli11-dev nlohmann-json3-dev libfmt-dev
  # ISO 3166 country and ISO 4217 currency codes, read at build time
  iso-codes
  # images (frame sets, the generator's scenes), decoding (the baseline and
  # the reader), rendering test symbols
  libopencv-dev libzxing-dev libzint-dev
  # the station: its YAML configuration, the oneTBB flow graph, Prometheus
  # metrics, logging
  libyaml-cpp-dev libtbb-dev prometheus-cpp-dev libspdlog-dev
  # on the line: a PLC's diverter output over Modbus TCP, journal records
  # POSTed to a webhook (and, for the tests, a local HTTP server to take them)
  libmodbus-dev libcurl4-openssl-dev libcpp-httplib-dev
  # GigE Vision (and USB3 Vision) cameras through Aravis; its pkg-config file
  # names libusb; the tools bring Aravis's GigE Vision camera simulator
  # (arv-fake-gv-camera-0.8), which the tests run on loopback
  libaravis-dev libusb-1.0-0-dev aravis-tools
)

if [[ $(id -u) -eq 0 ]]; then sudo=(); else sudo=(sudo); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update
"${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"

#pragma once
// `gs1-inspect make-frames`: writes a synthetic conveyor frame set.

#include <CLI/CLI.hpp>

namespace gs1inspect::cli {

void addMakeFramesCommand(CLI::App& app, int& exitCode);

}  // namespace gs1inspect::cli

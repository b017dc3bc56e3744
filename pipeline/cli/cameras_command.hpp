#pragma once
// `gs1-inspect cameras`: the cameras this machine can see, with what a
// station configuration names them by.

#include <CLI/CLI.hpp>

namespace gs1inspect::cli {

void addCamerasCommand(CLI::App& app, int& exitCode);

}  // namespace gs1inspect::cli

#pragma once
// `gs1-inspect run`: the station. `gs1-inspect check-config FILE`: only the
// configuration's validation.

#include <CLI/CLI.hpp>

namespace gs1inspect::cli {

void addRunCommand(CLI::App& app, int& exitCode);
void addCheckConfigCommand(CLI::App& app, int& exitCode);

}  // namespace gs1inspect::cli

#pragma once
// `gs1-inspect bench` and `gs1-inspect score`: reader figures on frame sets.

#include <CLI/CLI.hpp>

namespace gs1inspect::cli {

void addBenchCommand(CLI::App& app, int& exitCode);
void addScoreCommand(CLI::App& app, int& exitCode);

}  // namespace gs1inspect::cli

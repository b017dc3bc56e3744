#pragma once
// `gs1-inspect parse`: parse and lint GS1 data given as arguments or on stdin.

#include <CLI/CLI.hpp>

namespace gs1inspect::cli {

/// Adds the sub-command to `app`. When it runs, it stores the process exit
/// code in `exitCode`: 0 all inputs valid, 1 any invalid, 2 usage or I/O error.
void addParseCommand(CLI::App& app, int& exitCode);

}  // namespace gs1inspect::cli

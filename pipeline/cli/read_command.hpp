#pragma once
// `gs1-inspect read`: every symbol in each image file, one result per image.

#include <CLI/CLI.hpp>

namespace gs1inspect::cli {

/// Adds the sub-command to `app`. When it runs, it stores the process exit
/// code in `exitCode`: 0 every image could be read as a file, 2 otherwise.
void addReadCommand(CLI::App& app, int& exitCode);

}  // namespace gs1inspect::cli

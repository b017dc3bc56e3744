#pragma once
// `gs1-inspect score`: any reader's per-frame results scored against a
// frame set's truth. Reads the lines `bench --per-frame` writes
// (bench_runner.cpp) and the lines of `read --json`.

#include <filesystem>
#include <iosfwd>

namespace gs1inspect::harness {

struct ScoreOptions {
  std::filesystem::path frames;   // the frame set
  std::filesystem::path results;  // JSON Lines
  bool json = false;
};

/// Scores each reader named in the results (lines without a "reader" are
/// "results") and prints its figures to `out`; a line that cannot be used
/// is named on `err` and left out. Returns the exit status: 0 scored, 1
/// lines were left out, 2 the set or the results file could not be used.
int scoreResults(const ScoreOptions& options, std::ostream& out, std::ostream& err);

}  // namespace gs1inspect::harness

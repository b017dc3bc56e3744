#pragma once
// `gs1-inspect bench`: the project's reader over a frame set in memory, on
// one thread and on N, beside the whole-frame ZXing baseline; scored
// against the set's truth.

#include <filesystem>
#include <iosfwd>
#include <string>

#include "frameset/frame_set.hpp"
#include "read/reader_options.hpp"

namespace gs1inspect::harness {

struct BenchOptions {
  std::filesystem::path frames;
  int threads = 0;  // 0: every core
  bool baseline = false;
  bool json = false;
  std::filesystem::path perFrame;  // empty: none
  double budgetMs = read::ReaderOptions{}.budgetMs;  // the reader's time budget per frame
  std::string version;
};

/// Prints the set's problems; true when it can be scored: readable, with a
/// truth.jsonl that has no broken line.
bool checkScorable(const frameset::ReadResult& loaded, const std::filesystem::path& root, const std::string& who,
                   std::ostream& err);

/// Runs the bench; returns the exit status (0 done, 2 the set or a file
/// could not be used). Progress goes to `err` when it is a terminal.
int runBench(const BenchOptions& options, std::ostream& out, std::ostream& err);

}  // namespace gs1inspect::harness

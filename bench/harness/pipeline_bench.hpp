#pragma once
// `gs1-inspect bench --pipeline`: the whole station over a recorded frame
// set decoded into memory first (the source is never the bottleneck), as
// fast as it goes or at a speed factor; end-to-end frames/s, capture-to-
// decision latency, frames dropped at admission, peak memory, and the
// journal's verdicts scored against the set's cartons.jsonl.

#include <filesystem>
#include <iosfwd>
#include <string>

namespace gs1inspect::harness {

struct PipelineBenchOptions {
  std::filesystem::path frames;
  std::string speed = "max";  // max, realtime, or a factor
  int maxInFlight = 0;  // 0: the station's default (twice the cores)
  bool json = false;
  std::filesystem::path journal;  // empty: a temporary file, removed after
  std::string version;
};

/// Runs it; returns the exit status (0 done, 2 the set could not be used).
int runPipelineBench(const PipelineBenchOptions& options, std::ostream& out, std::ostream& err);

}  // namespace gs1inspect::harness

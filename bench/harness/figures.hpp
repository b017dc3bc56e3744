#pragma once
// The figures of one reader on one frame set ("FIG" of `gs1-inspect bench
// --json`): speed, latency and the score, as JSON and as table rows.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scoring/scoring.hpp"

namespace gs1inspect::harness {

struct Figures {
  int threads = 1;
  double fps = 0;                  // frames per second of reading alone
  std::vector<double> latencyMs;   // one per frame read
  scoring::Score score;
};

/// Latency percentile (0-100) of the frames read, in ms.
double percentile(std::vector<double> values, double p);

/// {"threads", "fps", "latency_ms": {"p50", "p99", "max"}, "symbols", "read",
///  "read_rate", "false_reads", "aborted_frames", "budget_hits", "error_frames",
///  "by_symbology", "by_damage", "by_damage_alone", "clean_by_symbology",
///  "by_stripe_orientation"}.
nlohmann::ordered_json toJson(const Figures& figures);

/// A side-by-side table of several readers' figures (name, figures).
std::string table(const std::vector<std::pair<std::string, const Figures*>>& columns);

/// The CPU model from /proc/cpuinfo, or "unknown".
std::string cpuModel();

}  // namespace gs1inspect::harness

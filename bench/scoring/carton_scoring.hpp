#pragma once
// Scores a station's journal against a frame set's cartons.jsonl: each
// journal record is matched to the set's carton whose frames it shares
// most (a station names cartons its own way), and its verdict and reason
// compared with the expectation. Records that match no carton are extra;
// cartons no record matches are missing.
//
// Pure functions over plain data; thread-safe.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "frameset/frame_set.hpp"

namespace gs1inspect::scoring {

/// One journal record, as far as scoring needs it.
struct JournalCarton {
  std::string carton;  // the station's id
  std::string verdict;  // "pass" or "divert"
  std::string reason;   // empty for pass
  std::vector<std::string> frames;
  std::vector<std::string> why;
};

/// A journal line's record; false with `error` naming the missing key.
bool journalCartonFromJson(const nlohmann::json& j, JournalCarton& out, std::string& error);

struct CartonDisagreement {
  std::string carton;   // the set's id ("" for an extra record)
  std::string station;  // the station's id ("" for a missing carton)
  std::string expected; // "pass" or "divert/no-read"
  std::string got;
  std::vector<std::string> why;  // the station's findings
};

struct CartonScore {
  std::size_t cartons = 0;   // in cartons.jsonl
  std::size_t records = 0;   // in the journal
  std::size_t agree = 0;     // verdict and reason as expected
  std::size_t missing = 0;   // cartons without a record
  std::size_t extra = 0;     // records without a carton
  std::size_t wrongPasses = 0;  // cartons that must be diverted and were passed
  std::map<std::string, std::pair<std::size_t, std::size_t>> byExpected;  // "pass", "divert/no-read": agree, total
  std::vector<CartonDisagreement> disagreements;

  double agreement() const { return cartons == 0 ? 0 : static_cast<double>(agree) / static_cast<double>(cartons); }
};

CartonScore scoreCartons(const frameset::FrameSet& set, const std::vector<JournalCarton>& journal);

nlohmann::ordered_json toJson(const CartonScore& score);

}  // namespace gs1inspect::scoring

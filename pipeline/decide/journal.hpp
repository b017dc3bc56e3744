#pragma once
// The journal: one JSON line per decided carton, appended and fsync'd
// before the carton's divert may fire, so that a crash or a power cut
// loses no decided carton.
//
// Record keys: carton, verdict, reason (null for pass), why, frames,
// symbols (each symbology, hri, raw, valid, errors, quad in its first
// frame, frame), first_seen, last_seen, decided_at, divert_at (null for
// pass): times in seconds on the capture clock; wall: the decision's UTC
// time (ISO 8601).
//
// Thread-safe: append() may be called from any thread.

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "decide/judge.hpp"
#include "track/carton_tracker.hpp"

namespace gs1inspect::decide {

/// A decided carton, as journalled.
struct CartonRecord {
  track::CartonTrack carton;
  Verdict verdict;
  double decidedAtS = 0;
  std::optional<double> divertAtS;  // when the divert fires (diverted cartons)
  std::string wall;                 // "2026-12-06T23:41:07.125Z"
};

nlohmann::ordered_json toJson(const CartonRecord& record);

/// The current UTC time as ISO 8601 with milliseconds.
std::string wallClockNow();

class Journal {
 public:
  /// Opens `path` for appending (created if missing); nullptr with `error`.
  static std::unique_ptr<Journal> open(const std::filesystem::path& path, std::string& error);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  /// Appends one line and waits until it is on disk; false with `error`.
  bool append(const CartonRecord& record, std::string& error);
  const std::filesystem::path& path() const { return path_; }

 private:
  Journal(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::filesystem::path path_;
  int fd_;
  std::mutex mutex_;
};

}  // namespace gs1inspect::decide

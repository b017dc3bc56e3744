#pragma once
// Recorded frame sets: the on-disk layout of docs/frameset-format.md
// (version 1), read and written. Used by the bench, the generator, and later
// the replay camera and the archive.
//
// Reading never throws: problems are collected as FormatError with the file
// and line they concern, the offending line is left out and the rest is
// read. Values are plain data; a FrameSet is immutable once read and may be
// shared between threads.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gs1inspect::frameset {

/// frameset.json: how the frames were taken.
struct FrameSetInfo {
  int version = 1;
  double fps = 30.0;
  double beltSpeedMmS = 0.0;  // 0: not given
  double pxPerMm = 0.0;       // 0: not given
  std::string direction = "+x";  // +x, -x, +y or -y
  std::string source;
  nlohmann::ordered_json extra = nlohmann::ordered_json::object();  // keys of other tools, kept as they are
};

/// One symbol in view on a frame (truth.jsonl).
struct TruthSymbol {
  std::string symbology;            // one of kSymbologies
  std::string hri;                  // bracketed element string, or plain text
  std::vector<std::string> damage;  // tags of kDamageTags; empty = clean
  bool fullyVisible = true;
  std::string carton;  // when on another carton than the frame's
  nlohmann::ordered_json detail = nlohmann::ordered_json::object();  // generator detail keys (stripe_px, ...)
};

/// What one frame really shows (truth.jsonl).
struct TruthFrame {
  std::string frame;  // "frames/000012.png"
  std::optional<double> tMs;
  std::string carton;
  std::vector<std::string> inView;
  std::vector<TruthSymbol> symbols;
};

/// The verdict a carton should get (cartons.jsonl).
struct CartonExpectation {
  std::string carton;
  std::string expect;  // "pass" or "divert"
  std::string reason;  // one of kDivertReasons when diverted
};

/// What a station read and decided on one frame (results.jsonl).
struct ResultFrame {
  std::string frame;
  std::optional<double> tMs;
  std::string capturedAt;
  nlohmann::ordered_json symbols = nlohmann::ordered_json::array();  // as `gs1-inspect read --json` gives them
  std::string carton;
  std::string verdict;
  std::string reason;
};

/// A problem in a set: "truth.jsonl:12: ...".
struct FormatError {
  std::string file;  // relative to the set: "truth.jsonl"
  int line = 0;      // 0 when the problem concerns the whole file
  std::string message;

  std::string describe() const;
};

inline constexpr const char* kSymbologies[] = {
    "gs1-128",        "code128", "gs1-databar-omni", "gs1-databar-stacked", "gs1-databar-expanded",
    "gs1-databar-expanded-stacked", "gs1-datamatrix", "datamatrix", "gs1-qr", "qr", "ean13", "ean8", "upca"};
inline constexpr const char* kDamageTags[] = {"stripe", "blur",        "motion",      "noise",   "low-contrast",
                                              "uneven-light", "glare", "perspective", "rotation", "crease",
                                              "partial", "quiet-zone"};
inline constexpr const char* kDivertReasons[] = {"no-read",  "invalid-data",   "low-grade",
                                                 "mismatch", "duplicate-sscc", "unexpected"};

/// A frame set as read from disk.
struct FrameSet {
  std::filesystem::path root;
  FrameSetInfo info;
  std::vector<std::string> frames;  // "frames/000000.png", ... in capture order
  std::vector<TruthFrame> truth;    // in file order
  std::vector<CartonExpectation> cartons;
  std::vector<ResultFrame> results;
  bool hasTruth = false;
  bool hasCartons = false;
  bool hasResults = false;

  /// Timestamp of frame `index` in ms: index / fps.
  double frameTimeMs(std::size_t index) const { return 1000.0 * static_cast<double>(index) / info.fps; }
};

struct ReadResult {
  std::optional<FrameSet> set;       // nullopt when frameset.json or frames/ is unusable
  std::vector<FormatError> errors;   // every problem found, fatal or not
};

/// Reads the set at `root`.
ReadResult readFrameSet(const std::filesystem::path& root);

// JSON forms of each record, one line of its file each (used by the writer
// and by tools that stream records).
nlohmann::ordered_json toJson(const FrameSetInfo& info);
nlohmann::ordered_json toJson(const TruthFrame& frame);
nlohmann::ordered_json toJson(const CartonExpectation& carton);
nlohmann::ordered_json toJson(const ResultFrame& result);

}  // namespace gs1inspect::frameset

#include "harness/results_scoring.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "harness/bench_runner.hpp"
#include "harness/figures.hpp"
#include "scoring/scoring.hpp"

namespace gs1inspect::harness {

namespace {

// The set's name of a frame given as a path: "frames/000012.png" as it is,
// or the last two components of any other path to the set's frames.
std::string frameName(const std::string& path, const std::set<std::string>& known) {
  if (known.contains(path)) return path;
  const std::filesystem::path p(path);
  const std::string tail = "frames/" + p.filename().string();
  return known.contains(tail) ? tail : path;
}

// One results line as a frame's reads, or why it cannot be used. `reader`
// is the line's "reader", or "results".
std::optional<std::string> parseLine(const std::string& line, const std::set<std::string>& known,
                                     scoring::FrameReads& reads, std::string& reader) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error& e) {
    return std::string("not valid JSON: ") + e.what();
  }
  const char* key = j.is_object() && j.contains("frame") ? "frame" : "image";
  if (!j.is_object() || !j.contains(key) || !j.at(key).is_string())
    return "no \"frame\" (bench --per-frame) or \"image\" (read --json) string";
  const std::string path = j.at(key).get<std::string>();
  reads.frame = frameName(path, known);
  try {
    reads.ms = j.value("ms", 0.0);
    reads.aborted = j.value("aborted", false);
    reads.budgetHit = j.value("budget_hit", false);
    if (j.contains("error") && !j.at("error").is_null()) reads.error = j.at("error").get<std::string>();
  } catch (const nlohmann::json::exception&) {
    return "\"ms\" must be a number, \"aborted\" and \"budget_hit\" true or false, \"error\" a string or null";
  }
  const nlohmann::json symbols = j.value("symbols", nlohmann::json::array());
  const auto isSymbol = [](const nlohmann::json& s) {
    return s.is_object() && s.contains("symbology") && s.contains("hri") && s.at("symbology").is_string() &&
           s.at("hri").is_string();
  };
  if (!symbols.is_array() || !std::all_of(symbols.begin(), symbols.end(), isSymbol))
    return "\"symbols\" must be an array of objects with \"symbology\" and \"hri\" strings";
  for (const auto& s : symbols) reads.symbols.push_back({s.at("symbology").get<std::string>(), s.at("hri").get<std::string>()});
  if (!known.contains(reads.frame)) return fmt::format("\"{}\" is not a frame of the set", path);
  reader = j.contains("reader") && j.at("reader").is_string() ? j.at("reader").get<std::string>() : std::string("results");
  return std::nullopt;
}

// The figures of one reader's reads, of which the first `given` came from
// its results (the rest are frames it left out: no time).
Figures figuresOf(const frameset::FrameSet& set, const std::vector<scoring::FrameReads>& reads, std::size_t given) {
  Figures f;
  double totalMs = 0;
  std::size_t timed = 0;
  for (std::size_t i = 0; i < given; ++i) {
    const auto& r = reads[i];
    if (r.aborted) continue;
    f.latencyMs.push_back(r.ms);
    totalMs += r.ms;
    ++timed;
  }
  f.fps = totalMs > 0 ? 1000.0 * static_cast<double>(timed) / totalMs : 0.0;
  f.score = scoring::score(set, reads);
  return f;
}

}  // namespace

int scoreResults(const ScoreOptions& settings, std::ostream& out, std::ostream& err) {
  auto loaded = frameset::readFrameSet(settings.frames);
  if (!checkScorable(loaded, settings.frames, "gs1-inspect score", err)) return 2;
  std::ifstream in(settings.results);
  if (!in) {
    err << "gs1-inspect score: cannot read " << settings.results.string() << '\n';
    return 2;
  }
  const std::set<std::string> known(loaded.set->frames.begin(), loaded.set->frames.end());
  // Lines of `bench --per-frame` ({"reader", "frame", "ms", "aborted",
  // "budget_hit", "error", "symbols"}) or of `read --json` ({"image", "ms",
  // "error", "symbols", ...}), grouped by reader.
  std::map<std::string, std::vector<scoring::FrameReads>> byReader;
  int lineNumber = 0;
  int bad = 0;
  for (std::string line; std::getline(in, line);) {
    ++lineNumber;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    scoring::FrameReads reads;
    std::string reader;
    if (const auto why = parseLine(line, known, reads, reader)) {
      err << fmt::format("gs1-inspect score: {}:{}: {}: left out\n", settings.results.string(), lineNumber, *why);
      ++bad;
      continue;
    }
    byReader[reader].push_back(std::move(reads));
  }
  // A frame a reader left out of its results read nothing: it still counts,
  // but has no time.
  std::map<std::string, std::size_t> given;
  for (const auto& [reader, reads] : byReader) given[reader] = reads.size();
  for (auto& [reader, reads] : byReader) {
    std::set<std::string> present;
    for (const auto& r : reads) present.insert(r.frame);
    std::size_t missing = 0;
    for (const auto& frame : loaded.set->frames) {
      if (present.contains(frame)) continue;
      scoring::FrameReads none;
      none.frame = frame;
      reads.push_back(std::move(none));
      ++missing;
    }
    if (missing > 0) {
      err << fmt::format("gs1-inspect score: {}: {} of {} frames have no results line: scored as reading nothing\n",
                       reader, missing, loaded.set->frames.size());
    }
  }
  std::map<std::string, Figures> figures;
  for (const auto& [reader, reads] : byReader) figures[reader] = figuresOf(*loaded.set, reads, given[reader]);
  if (settings.json) {
    nlohmann::ordered_json j{{"schema", 1}, {"set", settings.frames.string()}, {"results", settings.results.string()}};
    for (const auto& [reader, f] : figures) j[reader] = toJson(f);
    out << j.dump() << '\n';
  } else {
    std::vector<std::pair<std::string, const Figures*>> columns;
    for (const auto& [reader, f] : figures) columns.emplace_back(reader, &f);
    out << table(columns);
  }
  return bad == 0 ? 0 : 1;
}

}  // namespace gs1inspect::harness

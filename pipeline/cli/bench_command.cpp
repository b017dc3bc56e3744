#include "cli/bench_command.hpp"

#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <memory>

#include <fmt/format.h>

#include "cli/version.hpp"
#include "frameset/frame_set.hpp"
#include "harness/bench_runner.hpp"
#include "harness/figures.hpp"
#include "harness/pipeline_bench.hpp"

namespace gs1inspect::cli {

namespace {

struct ScoreSettings {
  std::filesystem::path frames;
  std::filesystem::path results;
  bool json = false;
};

// The set's name of a frame given as a path: "frames/000012.png" as it is,
// or the last two components of any other path to the set's frames.
std::string frameName(const std::string& path, const std::set<std::string>& known) {
  if (known.contains(path)) return path;
  const std::filesystem::path p(path);
  const std::string tail = "frames/" + p.filename().string();
  return known.contains(tail) ? tail : path;
}

int score(const ScoreSettings& settings) {
  auto loaded = frameset::readFrameSet(settings.frames);
  if (!harness::checkScorable(loaded, settings.frames, "gs1-inspect score", std::cerr)) return 2;
  std::ifstream in(settings.results);
  if (!in) {
    std::cerr << "gs1-inspect score: cannot read " << settings.results.string() << '\n';
    return 2;
  }
  const std::set<std::string> known(loaded.set->frames.begin(), loaded.set->frames.end());
  // Lines of `bench --per-frame` ({"reader", "frame", "ms", "aborted", "symbols"})
  // or of `read --json` ({"image", "ms", "error", "symbols"}), grouped by reader.
  std::map<std::string, std::vector<scoring::FrameReads>> byReader;
  int lineNumber = 0;
  int bad = 0;
  for (std::string line; std::getline(in, line);) {
    ++lineNumber;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto leaveOut = [&](const std::string& why) {
      std::cerr << fmt::format("gs1-inspect score: {}:{}: {}: left out\n", settings.results.string(), lineNumber, why);
      ++bad;
    };
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      leaveOut(std::string("not valid JSON: ") + e.what());
      continue;
    }
    const char* key = j.is_object() && j.contains("frame") ? "frame" : "image";
    if (!j.is_object() || !j.contains(key) || !j.at(key).is_string()) {
      leaveOut("no \"frame\" (bench --per-frame) or \"image\" (read --json) string");
      continue;
    }
    const std::string path = j.at(key).get<std::string>();
    scoring::FrameReads reads;
    reads.frame = frameName(path, known);
    try {
      reads.ms = j.value("ms", 0.0);
      reads.aborted = j.value("aborted", false);
      reads.budgetHit = j.value("budget_hit", false);
    } catch (const nlohmann::json::exception&) {
      leaveOut("\"ms\" must be a number, \"aborted\" and \"budget_hit\" true or false");
      continue;
    }
    bool symbolsOk = j.value("symbols", nlohmann::json::array()).is_array();
    for (const auto& s : symbolsOk ? j.value("symbols", nlohmann::json::array()) : nlohmann::json::array()) {
      if (!s.is_object() || !s.contains("symbology") || !s.contains("hri") || !s.at("symbology").is_string() ||
          !s.at("hri").is_string()) {
        symbolsOk = false;
        break;
      }
      reads.symbols.push_back({s.at("symbology").get<std::string>(), s.at("hri").get<std::string>()});
    }
    if (!symbolsOk) {
      leaveOut("\"symbols\" must be an array of objects with \"symbology\" and \"hri\" strings");
      continue;
    }
    {
      if (!known.contains(reads.frame)) {
        leaveOut(fmt::format("\"{}\" is not a frame of the set", path));
        continue;
      }
      const std::string reader = j.contains("reader") && j.at("reader").is_string() ? j.at("reader").get<std::string>()
                                                                                      : std::string("results");
      byReader[reader].push_back(std::move(reads));
    }
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
      std::cerr << fmt::format("gs1-inspect score: {}: {} of {} frames have no results line: scored as reading nothing\n",
                               reader, missing, loaded.set->frames.size());
    }
  }
  std::map<std::string, harness::Figures> figures;
  for (const auto& [reader, reads] : byReader) {
    harness::Figures f;
    double totalMs = 0;
    std::size_t timed = 0;
    for (std::size_t i = 0; i < given[reader]; ++i) {
      const auto& r = reads[i];
      if (r.aborted) continue;
      f.latencyMs.push_back(r.ms);
      totalMs += r.ms;
      ++timed;
    }
    f.fps = totalMs > 0 ? 1000.0 * static_cast<double>(timed) / totalMs : 0.0;
    f.score = scoring::score(*loaded.set, reads);
    figures[reader] = std::move(f);
  }
  if (settings.json) {
    nlohmann::ordered_json j{{"schema", 1}, {"set", settings.frames.string()}, {"results", settings.results.string()}};
    for (const auto& [reader, f] : figures) j[reader] = harness::toJson(f);
    std::cout << j.dump() << '\n';
  } else {
    std::vector<std::pair<std::string, const harness::Figures*>> columns;
    for (const auto& [reader, f] : figures) columns.emplace_back(reader, &f);
    std::cout << harness::table(columns);
  }
  return bad == 0 ? 0 : 1;
}

}  // namespace

void addBenchCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<harness::BenchOptions>();
  CLI::App* command = app.add_subcommand(
      "bench",
      "Read a recorded frame set as fast as possible with the project's reader, on 1 thread and on N, and score it "
      "against truth.jsonl; with --baseline, also with whole-frame ZXing-C++ (ReadBarcodes, tryHarder, tryRotate, GS1 "
      "formats, up to 255 symbols) in worker processes. Frames are decoded into memory first, not timed.");
  command->set_version_flag("--version", std::string(kVersion));
  command->add_option("--frames", options->frames, "Frame set folder")->required();
  command->add_option("--threads", options->threads, "Threads of the project's parallel run (default: every core)")
      ->check(CLI::NonNegativeNumber);
  command->add_flag("--baseline", options->baseline, "Also run the whole-frame ZXing baseline");
  command->add_flag("--json", options->json, "One JSON object instead of a table");
  command->add_option("--per-frame", options->perFrame, "Write each frame's results and latency as JSON Lines");
  auto pipeline = std::make_shared<harness::PipelineBenchOptions>();
  auto wholeStation = std::make_shared<bool>(false);
  command->add_flag("--pipeline", *wholeStation,
                    "Bench the whole station instead (graph, tracking, verdicts, journal): end-to-end frames/s, "
                    "capture-to-decision latency, drops, peak memory, verdicts against cartons.jsonl");
  command->add_option("--speed", pipeline->speed, "With --pipeline: max, realtime, or a factor of the set's own rate")
      ->capture_default_str();
  command->add_option("--max-in-flight", pipeline->maxInFlight,
                      "With --pipeline: frames admitted at once (0: twice the cores)")
      ->capture_default_str()
      ->check(CLI::Range(0, 256));
  command->add_option("--journal", pipeline->journal, "With --pipeline: keep the journal in this file");
  command->callback([options, pipeline, wholeStation, &exitCode] {
    options->version = std::string(kVersion);
    if (*wholeStation) {
      pipeline->frames = options->frames;
      pipeline->json = options->json;
      pipeline->version = options->version;
      exitCode = harness::runPipelineBench(*pipeline, std::cout, std::cerr);
      return;
    }
    exitCode = harness::runBench(*options, std::cout, std::cerr);
  });
}

void addScoreCommand(CLI::App& app, int& exitCode) {
  auto settings = std::make_shared<ScoreSettings>();
  CLI::App* command = app.add_subcommand(
      "score",
      "Score any reader's per-frame results (bench --per-frame lines, or read --json lines) against a frame set's "
      "truth, as the frame set format defines a read and a false read. Exit status 1 when lines were left out.");
  command->set_version_flag("--version", std::string(kVersion));
  command->add_option("--frames", settings->frames, "Frame set folder")->required();
  command->add_option("--results", settings->results, "Results file, JSON Lines")->required();
  command->add_flag("--json", settings->json, "One JSON object instead of a table");
  command->callback([settings, &exitCode] { exitCode = score(*settings); });
}

}  // namespace gs1inspect::cli

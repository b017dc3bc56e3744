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
  for (const auto& e : loaded.errors) std::cerr << "gs1-inspect score: " << settings.frames.string() << "/" << e.describe() << '\n';
  if (!loaded.set) return 2;
  if (!loaded.set->hasTruth) {
    std::cerr << "gs1-inspect score: " << settings.frames.string() << " has no truth.jsonl\n";
    return 2;
  }
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
    try {
      const auto j = nlohmann::json::parse(line);
      const std::string path = j.contains("frame") ? j.at("frame").get<std::string>() : j.at("image").get<std::string>();
      scoring::FrameReads reads;
      reads.frame = frameName(path, known);
      reads.ms = j.value("ms", 0.0);
      reads.aborted = j.value("aborted", false);
      reads.budgetHit = j.value("budget_hit", false);
      for (const auto& s : j.value("symbols", nlohmann::json::array())) {
        reads.symbols.push_back({s.at("symbology").get<std::string>(), s.at("hri").get<std::string>()});
      }
      if (!known.contains(reads.frame)) {
        std::cerr << fmt::format("gs1-inspect score: {}:{}: \"{}\" is not a frame of the set: left out\n",
                                 settings.results.string(), lineNumber, path);
        ++bad;
        continue;
      }
      byReader[j.value("reader", std::string("results"))].push_back(std::move(reads));
    } catch (const std::exception& e) {
      std::cerr << fmt::format("gs1-inspect score: {}:{}: {}: left out\n", settings.results.string(), lineNumber, e.what());
      ++bad;
    }
  }
  std::map<std::string, harness::Figures> figures;
  for (const auto& [reader, reads] : byReader) {
    harness::Figures f;
    double totalMs = 0;
    for (const auto& r : reads) {
      f.latencyMs.push_back(r.ms);
      totalMs += r.ms;
    }
    f.fps = totalMs > 0 ? 1000.0 * static_cast<double>(reads.size()) / totalMs : 0.0;
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
  command->callback([options, &exitCode] {
    options->version = std::string(kVersion);
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

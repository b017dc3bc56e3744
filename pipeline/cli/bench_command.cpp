#include "cli/bench_command.hpp"

#include <iostream>
#include <memory>

#include "cli/version.hpp"
#include "harness/bench_runner.hpp"
#include "harness/pipeline_bench.hpp"
#include "harness/results_scoring.hpp"

namespace gs1inspect::cli {

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
  command->add_option("--budget-ms", options->budgetMs,
                      "Time the reader may take on one frame, in ms (as the station's reader_budget_ms): a larger "
                      "budget shows what the reader reads given the time, apart from the machine's speed")
      ->capture_default_str();
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
  auto settings = std::make_shared<harness::ScoreOptions>();
  CLI::App* command = app.add_subcommand(
      "score",
      "Score any reader's per-frame results (bench --per-frame lines, or read --json lines) against a frame set's "
      "truth, as the frame set format defines a read and a false read. Exit status 1 when lines were left out.");
  command->set_version_flag("--version", std::string(kVersion));
  command->add_option("--frames", settings->frames, "Frame set folder")->required();
  command->add_option("--results", settings->results, "Results file, JSON Lines")->required();
  command->add_flag("--json", settings->json, "One JSON object instead of a table");
  command->callback([settings, &exitCode] { exitCode = harness::scoreResults(*settings, std::cout, std::cerr); });
}

}  // namespace gs1inspect::cli

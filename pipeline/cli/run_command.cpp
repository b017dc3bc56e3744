#include "cli/run_command.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/version.hpp"
#include "config/station_config.hpp"
#include "generator/frame_generator.hpp"
#include "graph/station.hpp"

namespace gs1inspect::cli {

namespace {

std::atomic<int> gSignal{0};

extern "C" void onSignal(int signal) { gSignal = signal; }

struct RunSettings {
  std::string config;
  std::string frames;
  std::string speed;
  std::string journal;
  std::string metrics;
};

// The demo recorded frame set, made by the generator on first use.
constexpr int kDemoFrames = 120;

std::filesystem::path demoSet() {
  const char* cache = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  const std::filesystem::path base = cache != nullptr && *cache != 0 ? std::filesystem::path(cache)
                                     : home != nullptr             ? std::filesystem::path(home) / ".cache"
                                                                   : std::filesystem::temp_directory_path();
  // Named for its damage model too: a set made by an older model is not the demo any more.
  return base / "gs1-inspect" / fmt::format("demo-frames-{}-model{}", kDemoFrames, generator::kLatestDamageModel);
}

bool makeDemoSet(const std::filesystem::path& set) {
  if (std::filesystem::exists(set / "frameset.json")) return true;
  std::cout << fmt::format("No frame set given: making the demo set ({} frames) in {} ...\n", kDemoFrames, set.string())
            << std::flush;
  std::error_code ec;
  std::filesystem::remove_all(set, ec);
  std::filesystem::create_directories(set.parent_path(), ec);
  generator::GeneratorOptions options;
  options.out = set;
  options.frames = kDemoFrames;
  generator::GeneratorSummary summary;
  std::string error;
  if (!generator::generateFrameSet(options, summary, error)) {
    std::cerr << "gs1-inspect run: cannot make the demo set: " << error << '\n';
    return false;
  }
  return true;
}

int run(const RunSettings& s) {
  config::StationConfig config;
  if (!s.config.empty()) {
    const auto loaded = config::loadConfig(s.config);
    for (const auto& e : loaded.errors) std::cerr << "gs1-inspect run: " << e.describe() << '\n';
    if (!loaded.config) return 2;
    config = *loaded.config;
  }
  // Flags override the configuration.
  if (!s.frames.empty()) {
    config.source.kind = config::SourceConfig::Kind::Frames;
    config.source.frames = s.frames;
  }
  if (!s.speed.empty()) {
    const auto speed = config::ReplaySpeed::parse(s.speed);
    if (!speed) {
      std::cerr << "gs1-inspect run: --speed: " << config::ReplaySpeed::kExpected << ", got \"" << s.speed << "\"\n";
      return 2;
    }
    config.source.speed = *speed;
  }
  if (!s.journal.empty()) config.journal.path = s.journal;
  if (!s.metrics.empty()) config.metrics.address = s.metrics;
  if (config.source.kind == config::SourceConfig::Kind::Frames && config.source.frames.empty()) {
    const auto set = demoSet();
    if (!makeDemoSet(set)) return 2;
    config.source.frames = set.string();
    std::cout << fmt::format("Replaying the demo set {}\n", set.string());
  }
  std::cout << fmt::format("journal: {}\nmetrics: {}\n", config.journal.path,
                           config.metrics.enabled() ? "http://" + config.metrics.address + "/metrics" : "off")
            << std::flush;

  graph::RunOptions options;
  options.config = config;
  options.progress = &std::cout;
  graph::Station station(std::move(options));
  // SIGINT and SIGTERM: stop taking frames, drain, exit 0.
  gSignal = 0;
  std::signal(SIGINT, onSignal);
  std::signal(SIGTERM, onSignal);
  std::atomic<bool> finished{false};
  std::thread watcher([&] {
    while (!finished) {
      if (const int sig = gSignal.exchange(0); sig != 0) {
        spdlog::info("signal {}: draining (frames in flight, cartons in view, pending diverts)", sig);
        station.stop();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  const graph::RunSummary summary = station.run();
  finished = true;
  watcher.join();
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  if (!summary.error.empty()) {
    std::cerr << "gs1-inspect run: " << summary.error << '\n';
    return 2;
  }
  return 0;
}

}  // namespace

void addRunCommand(CLI::App& app, int& exitCode) {
  auto s = std::make_shared<RunSettings>();
  CLI::App* command = app.add_subcommand(
      "run",
      "Run the station: frames from a camera or a recorded set through reading, GS1 validation, carton tracking and "
      "verdicts; diverts fired on time; every carton journalled; metrics served. With no arguments, replays a demo "
      "frame set (made on first use in the cache directory).");
  command->set_version_flag("--version", std::string(kVersion));
  command->add_option("--config", s->config, "Station configuration (YAML; see config/examples/)");
  command->add_option("--frames", s->frames, "Replay this recorded frame set (overrides the configuration's source)");
  command->add_option("--speed", s->speed, "Replay speed: realtime, max, or a factor (2: twice as fast)");
  command->add_option("--journal", s->journal, "Journal file (JSON Lines, appended)");
  command->add_option("--metrics", s->metrics, "Serve metrics on HOST:PORT, or off");
  command->callback([s, &exitCode] { exitCode = run(*s); });
}

void addCheckConfigCommand(CLI::App& app, int& exitCode) {
  auto file = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand("check-config", "Validate a station configuration and say what is wrong");
  command->add_option("FILE", *file, "Station configuration (YAML)")->required();
  command->callback([file, &exitCode] {
    const auto loaded = config::loadConfig(*file);
    for (const auto& e : loaded.errors) std::cerr << e.describe() << '\n';
    if (loaded.config) std::cout << *file << ": valid\n";
    exitCode = loaded.config ? 0 : 2;
  });
}

}  // namespace gs1inspect::cli

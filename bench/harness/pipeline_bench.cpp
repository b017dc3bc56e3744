#include "harness/pipeline_bench.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "graph/station.hpp"
#include "harness/figures.hpp"
#include "scoring/carton_scoring.hpp"

namespace gs1inspect::harness {

namespace {

// Disagreements listed in the table (all of them are in the JSON).
constexpr std::size_t kListedDisagreements = 40;

double peakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
}

std::vector<double> inMs(const std::vector<double>& seconds) {
  std::vector<double> out;
  for (double s : seconds) out.push_back(1000 * s);
  return out;
}

}  // namespace

int runPipelineBench(const PipelineBenchOptions& o, std::ostream& out, std::ostream& err) {
  const auto loaded = frameset::readFrameSet(o.frames);
  if (!loaded.set) {
    for (const auto& e : loaded.errors) err << "gs1-inspect bench: " << e.describe() << '\n';
    return 2;
  }
  const auto speed = config::ReplaySpeed::parse(o.speed);
  if (!speed) {
    err << "gs1-inspect bench: --speed: " << config::ReplaySpeed::kExpected << ", got \"" << o.speed << "\"\n";
    return 2;
  }
  const std::filesystem::path journal =
      o.journal.empty() ? std::filesystem::temp_directory_path() / fmt::format("gs1i-bench-journal-{}.jsonl", ::getpid())
                        : o.journal;
  std::filesystem::remove(journal);
  graph::RunOptions run;
  run.config.source.frames = o.frames.string();
  run.config.source.speed = *speed;
  run.config.metrics.address = "off";
  run.config.journal.path = journal.string();
  run.config.actuators[0].path = "/dev/null";  // diverts are counted, not logged
  run.config.maxInFlight = o.maxInFlight;
  run.preload = true;
  const graph::RunSummary summary = graph::Station(run).run();
  if (!summary.error.empty()) {
    err << "gs1-inspect bench: " << summary.error << '\n';
    return 2;
  }
  std::vector<scoring::JournalCarton> records;
  {
    std::ifstream in(journal);
    for (std::string line; std::getline(in, line);) {
      scoring::JournalCarton c;
      std::string error;
      if (scoring::journalCartonFromJson(nlohmann::json::parse(line, nullptr, false), c, error)) records.push_back(c);
    }
  }
  if (o.journal.empty()) std::filesystem::remove(journal);
  const scoring::CartonScore score = scoring::scoreCartons(*loaded.set, records);
  const double fps = summary.seconds > 0 ? static_cast<double>(summary.framesProcessed) / summary.seconds : 0;
  const auto decision = inMs(summary.decisionLatencyS);
  const auto frame = inMs(summary.frameLatencyS);

  if (o.json) {
    nlohmann::ordered_json j{{"schema", 1},
                             {"version", o.version},
                             {"set", o.frames.string()},
                             {"speed", speed->describe()},
                             {"max_in_flight", o.maxInFlight},
                             {"frames", {{"received", summary.framesReceived},
                                         {"dropped", summary.framesDropped},
                                         {"corrupt", summary.framesCorrupt},
                                         {"processed", summary.framesProcessed},
                                         {"peak_in_flight", summary.peakInFlight}}},
                             {"seconds", summary.seconds},
                             {"fps", fps},
                             {"capture_to_decision_ms", {{"p50", percentile(decision, 50)}, {"p99", percentile(decision, 99)}}},
                             {"frame_latency_ms", {{"p50", percentile(frame, 50)}, {"p99", percentile(frame, 99)}}},
                             {"peak_rss_mib", peakRssMiB()},
                             {"stage_failures", summary.stageFailures},
                             {"diverts", {{"fired", summary.divertsFired}, {"late", summary.divertsLate}}},
                             {"cartons", scoring::toJson(score)}};
    out << j.dump() << '\n';
    return 0;
  }
  out << fmt::format("gs1-inspect bench --pipeline: {} ({} frames, replayed {} from memory, {} in flight at most)\n\n",
                     o.frames.string(), loaded.set->frames.size(), speed->describe(),
                     o.maxInFlight > 0 ? std::to_string(o.maxInFlight) : "twice the cores");
  const auto row = [&](const std::string& what, const std::string& value) { out << fmt::format("  {:<40}{:>14}\n", what, value); };
  row("frames received / processed", fmt::format("{} / {}", summary.framesReceived, summary.framesProcessed));
  row("frames dropped at admission", std::to_string(summary.framesDropped));
  row("frames corrupt (skipped)", std::to_string(summary.framesCorrupt));
  row("end-to-end frames/s", fmt::format("{:.1f}", fps));
  row("capture to decision p50 / p99 (ms)", fmt::format("{:.1f} / {:.1f}", percentile(decision, 50), percentile(decision, 99)));
  row("frame through the graph p50 / p99 (ms)", fmt::format("{:.1f} / {:.1f}", percentile(frame, 50), percentile(frame, 99)));
  row("peak frames in flight", std::to_string(summary.peakInFlight));
  row("peak memory (MiB, set in memory included)", fmt::format("{:.0f}", peakRssMiB()));
  row("stage failures", std::to_string(summary.stageFailures));
  row("diverts fired (late)", fmt::format("{} ({})", summary.divertsFired, summary.divertsLate));
  out << '\n';
  row("cartons in cartons.jsonl / records", fmt::format("{} / {}", score.cartons, score.records));
  row("verdict and reason as expected", fmt::format("{} ({:.1f}%)", score.agree, 100 * score.agreement()));
  row("missing / extra records", fmt::format("{} / {}", score.missing, score.extra));
  row("must divert, passed", std::to_string(score.wrongPasses));
  for (const auto& [expected, counts] : score.byExpected) {
    row("  expected " + expected, fmt::format("{} of {}", counts.first, counts.second));
  }
  if (!score.disagreements.empty()) {
    out << fmt::format("\ndisagreements ({}):\n", score.disagreements.size());
    for (std::size_t i = 0; i < score.disagreements.size() && i < kListedDisagreements; ++i) {
      const auto& d = score.disagreements[i];
      out << fmt::format("  {:<8} {:<8} expected {:<22} got {:<22} {}\n", d.carton.empty() ? "-" : d.carton,
                         d.station.empty() ? "-" : d.station, d.expected, d.got, d.why.empty() ? "" : d.why.front());
    }
  }
  return 0;
}

}  // namespace gs1inspect::harness

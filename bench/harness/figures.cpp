#include "harness/figures.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

#include <fmt/format.h>

namespace gs1inspect::harness {

namespace {

double round3(double v) { return std::round(v * 1000.0) / 1000.0; }

nlohmann::ordered_json tallies(const std::map<std::string, scoring::Tally>& map) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [name, t] : map) {
    j[name] = {{"symbols", t.symbols}, {"read", t.read}, {"read_rate", round3(t.rate())}};
  }
  return j;
}

std::string rate(const scoring::Tally& t) {
  if (t.symbols == 0) return "-";
  return fmt::format("{:5.1f}% of {}", 100.0 * t.rate(), t.symbols);
}

}  // namespace

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const double rank = p / 100.0 * static_cast<double>(values.size() - 1);
  const auto low = static_cast<std::size_t>(std::floor(rank));
  const auto high = std::min(values.size() - 1, low + 1);
  return values[low] + (values[high] - values[low]) * (rank - static_cast<double>(low));
}

nlohmann::ordered_json toJson(const Figures& f) {
  const auto& s = f.score;
  return {{"threads", f.threads},
          {"fps", std::round(f.fps * 10) / 10},
          {"latency_ms",
           {{"p50", round3(percentile(f.latencyMs, 50))},
            {"p99", round3(percentile(f.latencyMs, 99))},
            {"max", round3(percentile(f.latencyMs, 100))}}},
          {"symbols", s.overall.symbols},
          {"read", s.overall.read},
          {"read_rate", round3(s.overall.rate())},
          {"false_reads", s.falseReads},
          {"aborted_frames", s.abortedFrames},
          {"budget_hits", s.budgetHits},
          {"error_frames", s.errorFrames},
          {"by_symbology", tallies(s.bySymbology)},
          {"by_damage", tallies(s.byDamage)},
          {"by_damage_alone", tallies(s.byDamageAlone)},
          {"clean_by_symbology", tallies(s.cleanBySymbology)},
          {"by_stripe_orientation", tallies(s.byStripeOrientation)}};
}

std::string table(const std::vector<std::pair<std::string, const Figures*>>& columns) {
  std::string out = fmt::format("{:<34}", "");
  for (const auto& [name, f] : columns) out += fmt::format("{:>22}", name);
  out += '\n';
  auto row = [&](const std::string& label, auto cell) {
    out += fmt::format("{:<34}", label);
    for (const auto& [name, f] : columns) out += fmt::format("{:>22}", cell(*f));
    out += '\n';
  };
  row("threads", [](const Figures& f) { return std::to_string(f.threads); });
  row("frames/s", [](const Figures& f) { return fmt::format("{:.1f}", f.fps); });
  row("latency p50 / p99 / max (ms)", [](const Figures& f) {
    return fmt::format("{:.1f} / {:.1f} / {:.1f}", percentile(f.latencyMs, 50), percentile(f.latencyMs, 99),
                       percentile(f.latencyMs, 100));
  });
  row("read (fully visible symbols)", [](const Figures& f) { return rate(f.score.overall); });
  row("false reads", [](const Figures& f) { return std::to_string(f.score.falseReads); });
  row("aborted frames", [](const Figures& f) { return std::to_string(f.score.abortedFrames); });
  row("budget hits", [](const Figures& f) { return std::to_string(f.score.budgetHits); });
  row("frames not read (error)", [](const Figures& f) { return std::to_string(f.score.errorFrames); });
  std::set<std::string> symbologies, damage, alone, clean, orientations;
  for (const auto& [name, f] : columns) {
    for (const auto& [k, v] : f->score.bySymbology) symbologies.insert(k);
    for (const auto& [k, v] : f->score.byDamage) damage.insert(k);
    for (const auto& [k, v] : f->score.byDamageAlone) alone.insert(k);
    for (const auto& [k, v] : f->score.cleanBySymbology) clean.insert(k);
    for (const auto& [k, v] : f->score.byStripeOrientation) orientations.insert(k);
  }
  auto section = [&](const std::string& title, const std::set<std::string>& keys, auto member) {
    out += title + '\n';
    for (const auto& key : keys) {
      row("  " + key, [&](const Figures& f) {
        const auto& map = f.score.*member;
        const auto it = map.find(key);
        return it == map.end() ? std::string("-") : rate(it->second);
      });
    }
  };
  section("by symbology", symbologies, &scoring::Score::bySymbology);
  section("by damage", damage, &scoring::Score::byDamage);
  section("by damage, that tag alone", alone, &scoring::Score::byDamageAlone);
  section("clean, by symbology", clean, &scoring::Score::cleanBySymbology);
  if (!orientations.empty()) section("stripe by orientation", orientations, &scoring::Score::byStripeOrientation);
  return out;
}

std::string cpuModel() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(colon + 2);
    }
  }
  return "unknown";
}

}  // namespace gs1inspect::harness

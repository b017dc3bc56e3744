#pragma once
// `gs1-inspect make-frames`: a recorded frame set of cartons riding a belt
// under a camera, with ground truth, deterministic from its arguments.
//
// The scene: a 1920x1200 8-bit grey field of view over a belt moving +x;
// cartons of several sizes and board colours, sometimes two in view; most
// carry a label (203 dpi) with 1-3 GS1 symbols and text, rules and a logo,
// among tape, print and markings on the board. Every frame has lens blur,
// illumination fall-off, sensor noise and a little motion blur. Damage
// (see damage.hpp) is drawn per carton. Some cartons carry no label (expect
// no-read) or data that breaks GS1 rules (expect invalid-data).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "generator/damage.hpp"

namespace gs1inspect::generator {

struct GeneratorOptions {
  std::filesystem::path out;
  int frames = 1000;
  std::uint64_t seed = 20261125;  // the default set's seed: figures stay comparable over time
  std::vector<Damage> damage;     // empty: "mix"
  int damageModel = kLatestDamageModel;  // the ranges damage is drawn from (damage.hpp); 1 reproduces the first sets
  double fps = 30.0;
  double beltMmPerS = 2000.0;
  double pxPerMm = 4.0;
  int width = 1920;
  int height = 1200;
};

struct GeneratorSummary {
  int frames = 0;
  int cartons = 0;
  int symbolsFullyVisible = 0;
  std::vector<std::pair<std::string, int>> byDamage;    // fully visible symbols per tag ("clean" too)
  std::vector<std::pair<std::string, int>> bySymbology; // fully visible symbols per symbology
};

/// Writes the set; false with `error` when it cannot (the folder exists, a
/// write fails). `progress(frame)` is called after each frame.
bool generateFrameSet(const GeneratorOptions& options, GeneratorSummary& summary, std::string& error,
                      const std::function<void(int)>& progress = {});

}  // namespace gs1inspect::generator

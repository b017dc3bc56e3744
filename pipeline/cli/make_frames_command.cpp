#include "cli/make_frames_command.hpp"

#include <unistd.h>

#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/version.hpp"
#include "generator/frame_generator.hpp"

namespace gs1inspect::cli {

namespace {

struct Settings {
  generator::GeneratorOptions options;
  std::string damage = "mix";
};

int run(Settings& settings) {
  auto& o = settings.options;
  if (settings.damage != "mix") {
    std::string rest = settings.damage;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      const std::string tag = rest.substr(0, comma);
      rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
      generator::Damage d;
      if (!generator::damageFromTag(tag, d)) {
        std::cerr << "gs1-inspect make-frames: --damage: '" << tag << "' is not a damage tag (see --help)\n";
        return 2;
      }
      o.damage.push_back(d);
    }
  }
  generator::GeneratorSummary summary;
  std::string error;
  const bool tty = ::isatty(2) != 0;
  const bool ok = generator::generateFrameSet(o, summary, error, [&](int done) {
    if (tty && (done % 10 == 0 || done == o.frames)) std::cerr << fmt::format("\rframe {}/{}", done, o.frames) << std::flush;
  });
  if (tty) std::cerr << '\n';
  if (!ok) {
    std::cerr << "gs1-inspect make-frames: " << error << '\n';
    return 2;
  }
  std::cout << fmt::format("{}: {} frames, {} cartons, {} fully visible symbols\n", o.out.string(), summary.frames,
                           summary.cartons, summary.symbolsFullyVisible);
  std::cout << "fully visible symbols per symbology:\n";
  for (const auto& [name, n] : summary.bySymbology) std::cout << fmt::format("  {:<30} {:>6}\n", name, n);
  std::cout << "fully visible symbols per damage tag:\n";
  for (const auto& [name, n] : summary.byDamage) std::cout << fmt::format("  {:<30} {:>6}\n", name, n);
  return 0;
}

}  // namespace

void addMakeFramesCommand(CLI::App& app, int& exitCode) {
  auto settings = std::make_shared<Settings>();
  auto& o = settings->options;
  CLI::App* command = app.add_subcommand(
      "make-frames",
      "Write a synthetic recorded frame set (docs/frameset-format.md): cartons on a belt under a 1920x1200 grey "
      "camera, labels at 203 dpi with 1-3 GS1 symbols, ground truth in truth.jsonl and cartons.jsonl. Deterministic "
      "from its arguments.");
  command->set_version_flag("--version", std::string(kVersion));
  command->add_option("--out", o.out, "Folder to create (must not exist, or be empty)")->required();
  command->add_option("--frames", o.frames, "Number of frames")->capture_default_str()->check(CLI::Range(1, 10000000));
  command->add_option("--seed", o.seed, "Random seed (the default set's seed is the default)")->capture_default_str();
  command->add_option("--damage", settings->damage,
                      "'mix' (3-5 tags per carton, about 1 in 12 clean), or TAG[,TAG...]: each labelled carton gets "
                      "one of these in turn. Tags and ranges:\n" + generator::damageHelp())
      ->capture_default_str();
  command->add_option("--damage-model", o.damageModel,
                      "The ranges damage is drawn from: 2 (the default) as above; 1, narrower (stripes 2-8 px, noise "
                      "up to 14 grey levels, contrast down to 30%, glare that does not saturate, tape and tears only), "
                      "reproduces sets made before model 2 from their seed")
      ->capture_default_str()
      ->check(CLI::Range(1, generator::kLatestDamageModel));
  command->add_option("--fps", o.fps, "Frames per second")->capture_default_str()->check(CLI::PositiveNumber);
  command->add_option("--belt-mm-s", o.beltMmPerS, "Belt speed, mm/s (direction +x)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_option("--px-per-mm", o.pxPerMm, "Image scale on the carton tops, px/mm")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->callback([settings, &exitCode] { exitCode = run(*settings); });
}

}  // namespace gs1inspect::cli

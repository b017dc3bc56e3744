#include "cli/read_command.hpp"

#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>

#include "gs1/input_escapes.hpp"
#include "cli/version.hpp"
#include "gs1/lint.hpp"
#include "read/decoded_symbol_json.hpp"
#include "read/reader.hpp"

namespace gs1inspect::cli {

namespace {

struct ReadSettings {
  bool json = false;
  std::string today;
  double budgetMs = read::ReaderOptions{}.budgetMs;
  std::vector<std::string> images;
};

// Boxes (x, y, width, height) of the regions that look like symbols and
// were not read.
nlohmann::ordered_json unreadJson(const read::FrameRead& frame) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& c : frame.unread) {
    out.push_back({{"kind", c.kind == read::Candidate::Kind::Bars ? "bars" : "matrix"},
                   {"box", {c.box.x, c.box.y, c.box.width, c.box.height}}});
  }
  return out;
}

nlohmann::ordered_json toJson(const std::string& image, double ms, const std::string& error,
                              const read::FrameRead& frame) {
  nlohmann::ordered_json symbols = nlohmann::ordered_json::array();
  for (const auto& s : frame.symbols) symbols.push_back(read::toJson(s));
  return {{"image", image},
          {"ms", std::round(ms * 100) / 100},
          {"error", error.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(error)},
          {"symbols", symbols},
          {"candidates", frame.candidates},
          {"attempts", frame.attempts},
          {"untried", frame.untried},
          {"unread", unreadJson(frame)},
          {"budget_hit", frame.budgetHit}};
}

void printText(const std::string& image, double ms, const std::string& error, const read::FrameRead& frame) {
  if (!error.empty()) std::cout << image << ": " << error << '\n';
  if (!error.empty() && frame.symbols.empty()) return;
  std::cout << fmt::format("{}: {} symbol{} in {:.1f} ms ({} candidates, {} decoder calls{})\n", image,
                           frame.symbols.size(), frame.symbols.size() == 1 ? "" : "s", ms, frame.candidates,
                           frame.attempts, frame.budgetHit ? fmt::format(", budget ran out, {} untried", frame.untried) : "");
  for (const auto& s : frame.symbols) {
    std::cout << fmt::format("  {:<30} {}  {}{}\n", s.symbology, gs1::escapeGroupSeparators(s.hri),
                             s.valid() ? "valid" : "INVALID", s.partial ? "  (partial)" : "");
    for (const auto& e : s.parsed.errors) std::cout << fmt::format("    {}: {}\n", gs1::lintCodeName(e.code), e.message);
    std::cout << fmt::format("    at ({:.0f},{:.0f}) ({:.0f},{:.0f}) ({:.0f},{:.0f}) ({:.0f},{:.0f}), module {:.2f} px, {}\n",
                             s.quad[0].x, s.quad[0].y, s.quad[1].x, s.quad[1].y, s.quad[2].x, s.quad[2].y, s.quad[3].x,
                             s.quad[3].y, s.modulePx, s.strategy);
  }
}

int run(const ReadSettings& settings) {
  read::ReaderOptions options;
  if (!settings.today.empty()) {
    auto today = gs1::CivilDate::parse(settings.today);
    if (!today) {
      std::cerr << "gs1-inspect read: --today: '" << settings.today << "' is not a date of the form YYYY-MM-DD\n";
      return 2;
    }
    options.parse.today = *today;
  }
  options.budgetMs = settings.budgetMs;
  try {
    options.validate();
  } catch (const std::invalid_argument& e) {
    std::cerr << "gs1-inspect read: --budget-ms " << settings.budgetMs << ": " << e.what() << '\n';
    return 2;
  }
  cv::setNumThreads(1);  // the reader is built for one frame per thread
  const read::Reader reader(options);
  bool allRead = true;
  for (const auto& path : settings.images) {
    read::FrameRead frame;
    std::string error;
    double ms = 0;
    const cv::Mat image = cv::imread(path, cv::IMREAD_UNCHANGED);
    if (image.empty()) {
      error = "cannot be read as an image (missing, unreadable or not an image format OpenCV knows)";
    } else {
      // The reader says why a frame it was given could not be read (its
      // type, a decoder's failure); what it read before a failure stays.
      const auto start = std::chrono::steady_clock::now();
      frame = reader.read(image);
      ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      error = frame.error;
    }
    allRead = allRead && error.empty();
    if (settings.json)
      std::cout << toJson(path, ms, error, frame).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                << '\n';
    else
      printText(path, ms, error, frame);
  }
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "gs1-inspect read: error writing standard output\n";
    return 2;
  }
  return allRead ? 0 : 2;
}

}  // namespace

void addReadCommand(CLI::App& app, int& exitCode) {
  auto settings = std::make_shared<ReadSettings>();
  CLI::App* command = app.add_subcommand(
      "read",
      "Find and decode every symbol in each image (PNG, JPEG, WebP, ...: 8-bit grey or colour), validate its GS1 "
      "data, and print one result per image. Exit status: 0 every image was loaded and read, 2 otherwise (the "
      "image's error says why).");
  command->set_version_flag("--version", std::string(kVersion));
  command->add_flag("--json", settings->json,
                    "One JSON object per image and line: image, ms, error, symbols (symbology, hri, raw, valid, "
                    "errors, quad, module_px, partial, strategy)");
  command->add_option("--today", settings->today,
                      "Reference date YYYY-MM-DD for the century of two-digit years (default: today, UTC)");
  command->add_option("--budget-ms", settings->budgetMs, "Time one image may take, in ms")->capture_default_str();
  command->add_option("IMAGE", settings->images, "Image files")->required();
  command->callback([settings, &exitCode] { exitCode = run(*settings); });
}

}  // namespace gs1inspect::cli

#pragma once
// One printed label at print resolution (203 dpi, 8 dots per mm): 1-3 GS1
// symbols with their human-readable text, headings, rules and a logo, and
// the print damage of its carton (stripe, faded ink, crease, tape or tear,
// quiet-zone intrusion). Pure data in, image out; no shared state.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/core/mat.hpp>

#include "generator/damage.hpp"
#include "generator/gs1_content.hpp"
#include "generator/random.hpp"
#include "generator/symbol_renderer.hpp"

namespace gs1inspect::generator {

inline constexpr double kDotsPerMm = 203.0 / 25.4;  // thermal label printer resolution

/// A symbol as printed on the label.
struct LabelSymbol {
  Symbology symbology = Symbology::Gs1128;
  std::string hri;
  std::array<cv::Point2d, 4> quad;  // label dots: top-left, top-right, bottom-right, bottom-left of the symbol
  double moduleDots = 4;            // X-dimension in dots
  std::vector<Damage> damage;       // print damage that touches this symbol
  nlohmann::ordered_json detail = nlohmann::ordered_json::object();  // stripe_px, stripe_orientation
};

struct Label {
  cv::Mat image;  // CV_8UC1, dots
  cv::Mat mask;   // CV_8UC1, 255 where the label is (0 where torn away)
  std::vector<LabelSymbol> symbols;
};

/// What to print.
struct LabelOrder {
  std::vector<Symbology> symbologies;  // one per symbol
  std::vector<Gs1Content> contents;    // as many as symbologies
  bool checked = true;                 // false: data breaks GS1 rules on purpose
  std::vector<Damage> printDamage;     // stripe, low-contrast, crease, partial, quiet-zone
  double framePxPerDot = 0.5;          // for damage sizes given in frame pixels
  DamageRanges ranges;                 // of the set's damage model
  double widthMm = 100;                // 100 mm (trade item) or 148 mm (A5, logistic)
};

/// Prints the label; nullopt with `error` when a symbol cannot be rendered.
std::optional<Label> printLabel(const LabelOrder& order, Random& random, std::string& error);

}  // namespace gs1inspect::generator

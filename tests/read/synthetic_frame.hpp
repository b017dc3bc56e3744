#pragma once
// Test frames with symbols rendered by libzint (through the generator's
// renderer) at a known place, angle and module size, on a plain label on a
// grey belt: what the reader must find, and where.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

#include "generator/symbol_renderer.hpp"

namespace gs1inspect::read::testing {

struct PlacedSymbol {
  generator::Symbology symbology;
  std::string bracketed;            // GS1 content (DataBar Omni, EAN, UPC: (01) + GTIN-14)
  cv::Point2f centre;               // frame px
  float angleDegrees = 0;           // counter-clockwise on screen
  float modulePx = 3;
  bool checked = true;              // false: the data may break GS1 rules
};

struct SymbolTruth {
  std::string symbology;            // frame set name
  std::string text;                 // bracketed, or EAN/UPC digits
  std::array<cv::Point2f, 4> quad;  // symbol without quiet zone, clockwise from its top-left
  float modulePx = 0;
};

/// A `size` grey frame (belt 60, labels 225) with every symbol drawn in
/// black (25) on its own white label. Throws std::runtime_error when libzint
/// refuses a symbol's data.
cv::Mat syntheticFrame(const std::vector<PlacedSymbol>& symbols, std::vector<SymbolTruth>& truth,
                       cv::Size size = {1920, 1200});

/// The modules of `content` in `symbology` as libzint makes them: CV_8U,
/// one per module, 1 dark, no quiet zone. Throws std::runtime_error when
/// libzint refuses the data.
cv::Mat symbolModules(generator::Symbology symbology, const std::string& content);

/// The modules across a GS1-128 symbol of `bracketed`, true for a bar (no
/// quiet zone). Throws std::runtime_error when libzint refuses the data.
std::vector<bool> gs1128Bars(const std::string& bracketed);

/// Whether Code 128 `data` (FNC1 as GS, no symbology identifier) is GS1
/// data whose every element holds, dates judged on 2026-01-01: the
/// confirmation the reader gives its own GS1-128 decoders.
bool gs1ElementsHold(std::string_view data);

/// The Code 128 data of the element string `bracketed`: FNC1 as GS, no
/// symbology identifier.
std::string gs1128Data(const std::string& bracketed);

/// A valid element string for each symbology (GTIN 09506000134352).
std::string sampleContent(generator::Symbology symbology);

}  // namespace gs1inspect::read::testing

#pragma once
// Renders GS1 symbols with libzint as module images: one pixel per module,
// 0 = bar/dark module, 255 = space/light module, no quiet zone.

#include <optional>
#include <string>

#include <opencv2/core/mat.hpp>

#include "generator/gs1_content.hpp"

namespace gs1inspect::generator {

/// The symbologies the generator prints (frame set names).
enum class Symbology {
  Gs1128, DataBarOmni, DataBarStacked, DataBarExpanded, DataBarExpandedStacked, DataMatrix, Qr, Ean13, UpcA, Ean8
};

/// The frame set's name of a symbology ("gs1-128", ...).
std::string symbologyName(Symbology symbology);
bool isLinear(Symbology symbology);  // 1D bars (GS1-128, DataBar Omni, Expanded)

struct RenderedSymbol {
  cv::Mat modules;      // CV_8UC1, one pixel per module
  int quietZone = 0;    // modules of quiet zone the symbology needs on each side
};

/// The truth's text of a symbol: the bracketed element string, or for
/// EAN-13 / UPC-A / EAN-8 the plain digits of the GTIN-13 / GTIN-12 / GTIN-8.
std::string symbolText(Symbology symbology, const Gs1Content& content);

/// Renders `content` (bracketed; DataBar Omni/Stacked, EAN-13, UPC-A and EAN-8 use its GTIN).
/// `checked` false lets data that breaks GS1 rules through (for cartons that
/// must be diverted as invalid-data). nullopt with `error` when libzint
/// refuses the data (e.g. too long for the symbology).
std::optional<RenderedSymbol> renderSymbol(Symbology symbology, const Gs1Content& content, bool checked,
                                           std::string& error);

}  // namespace gs1inspect::generator

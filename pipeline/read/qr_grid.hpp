#pragma once
// A QR symbol read module by module from an upright crop and redrawn
// clean, its fixed patterns repaired: for symbols whose finder patterns a
// printhead stripe, a crease or glare has broken, which ZXing's detector
// then cannot find (it looks for the 1:1:3:1:1 runs of three whole
// finders). Data modules are redrawn as they look; Reed-Solomon
// correction in the decoder takes care of those damage wiped.

#include <cstddef>
#include <vector>

#include <opencv2/core/mat.hpp>
#include <opencv2/core/matx.hpp>
#include <opencv2/core/types.hpp>

namespace gs1inspect::read {

/// One hypothesis of where a QR symbol's module grid lies, redrawn in the
/// standard orientation (finders top left, top right and bottom left).
struct RedrawnQr {
  cv::Mat image;  // 8-bit, black modules on white, `modulePx` per module, a 2-module quiet zone
  int modulePx = 0;
  int version = 0;  // 1 to 20: 17 + 4 * version modules a side
  int modules = 0;
  cv::Mat dark;    // CV_8U modules x modules, standard orientation: 1 for a dark module as redrawn
  cv::Rect2f symbol;   // the symbol's extent in the crop (px)
  cv::Matx23f toCrop;  // redrawn image px -> crop px
  float patternFit = 0;  // share of the fixed patterns' modules (finders, separators, timing,
                         // alignment) that the crop shows as they are drawn
};

/// The grids that fit `crop` (8-bit grey, the symbol's grid upright in one
/// of four quarter turns, dark on light, alone on paper, at about twice the
/// frame's resolution): a square of 21 to 97 modules over the crop's ink
/// extent (or over its longer side, when a stripe along one edge took the
/// outer modules of that edge away), turned so that its fixed patterns
/// match best. Only grids whose fixed patterns match at least
/// `minPatternFit` of their modules, best first, each refined to where
/// module centres sample most cleanly, at most `most`. Pure function,
/// thread-safe.
std::vector<RedrawnQr> redrawQr(const cv::Mat& crop, int modulePx, std::size_t most, float minPatternFit = 0.8F);

/// Writes into `dark` (a grid in the standard orientation, as
/// RedrawnQr::dark) the format information of error correction level
/// `level` (0 L, 1 M, 2 Q, 3 H) and data mask `mask` (0 to 7), in both
/// its places beside the finders (ISO/IEC 18004 7.9): for a symbol whose
/// format information damage wiped, each of the 32 is a hypothesis that
/// only the data's own Reed-Solomon check can confirm.
void writeQrFormat(cv::Mat& dark, int level, int mask);

}  // namespace gs1inspect::read

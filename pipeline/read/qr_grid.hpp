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
  cv::Mat erased;  // CV_8U, same: 1 for a module under a stripe (a row or column of modules nearly
                   // all light, through data and fixed patterns alike): unseen, not light
  cv::Rect2f symbol;   // the symbol's extent in the crop (px)
  cv::Matx23f toCrop;  // redrawn image px -> crop px
  float patternFit = 0;  // share of the fixed patterns' modules (finders, separators, timing,
                         // alignment) that the crop shows as they are drawn
};

/// The grids that fit `crop` (8-bit grey, the symbol's grid upright in one
/// of four quarter turns, dark on light, alone on paper, at about twice the
/// frame's resolution): squares of 21 to 97 modules laid from each whole
/// finder pattern at each corner it may hold, their side from the finder's
/// module or from the crop's ink extent across or down (a stripe along one
/// edge takes that edge's outer modules away), turned so that their fixed
/// patterns match best. Only grids whose fixed patterns match at least
/// `minPatternFit` of the modules no stripe took, each refined to where
/// module centres sample most cleanly, best first, at most `most`. Pure
/// function, thread-safe.
std::vector<RedrawnQr> redrawQr(const cv::Mat& crop, int modulePx, std::size_t most, float minPatternFit = 0.8F);

/// Whole QR finder patterns (dark ring, light ring, dark core, nested) in
/// `crop` (8-bit, dark on light, at about twice the frame's resolution),
/// cut at its Otsu threshold: a cheap look before redrawQr, as text,
/// DataMatrix symbols and bars have none.
int qrFinderCount(const cv::Mat& crop);

}  // namespace gs1inspect::read

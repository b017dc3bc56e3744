#pragma once
// A DataMatrix (ECC 200) read module by module from an upright crop and
// redrawn clean, its fixed patterns repaired: for symbols whose finder L or
// clock track a printhead stripe, a crease or a smear has broken, which
// ZXing's detector then cannot find. Modules that damage wiped are redrawn
// as they look; Reed-Solomon correction in the decoder takes care of them.

#include <vector>

#include <opencv2/core/mat.hpp>
#include <opencv2/core/matx.hpp>
#include <opencv2/core/types.hpp>

namespace gs1inspect::read {

/// One hypothesis of where a symbol's module grid lies, redrawn.
struct RedrawnGrid {
  cv::Mat image;  // 8-bit, black modules on white, `modulePx` per module, a 2-module quiet zone
  int modulePx = 0;
  int rows = 0, cols = 0;
  cv::Rect2f symbol;   // the symbol's extent in the crop turned so that its L is left and bottom (px)
  cv::Matx23f toCrop;  // redrawn image px -> crop px
  cv::Mat dark;        // CV_8U rows x cols: 1 for a dark module as redrawn (finder and clock tracks whole)
  cv::Mat erased;      // CV_8U rows x cols: 1 for a module under a stripe (a whole column or row of
                       // light modules through the finder L): unseen, not light
  float patternFit = 0;  // share of the L's and clock tracks' modules, not under a stripe, that show as they must
};

/// The grids that fit `crop` (8-bit grey, the symbol's grid upright in
/// one of four quarter turns, dark on light, alone on paper, at about twice
/// the frame's resolution): ECC 200 sizes whose modules match the clock
/// track's period, anchored on an arm of the finder L (on its far end when
/// a stripe cut it), or on the crop's ink extent, as found and grown by a
/// module on a side. Best fits first, each refined to where module centres
/// sample most cleanly, at most `most`. Empty when nothing in the crop
/// looks like a module grid. Pure function, thread-safe.
std::vector<RedrawnGrid> redrawDataMatrix(const cv::Mat& crop, int modulePx, std::size_t most);

}  // namespace gs1inspect::read

#pragma once
// Matrix-symbol reading: GS1 DataMatrix and QR from a 2D region the
// localiser found.
//
//   2D region -> crop as it is -> turned to the module grid -> at 2x,
//   isolated on paper -> at 2x, fixed threshold -> a DataMatrix grid
//   sampled and redrawn with its finder and clock track whole -> that
//   grid's codewords corrected with a stripe's modules as erasures.

#include <opencv2/core/mat.hpp>

#include "read/frame_reading.hpp"
#include "read/localiser.hpp"
#include "read/rectified_crop.hpp"

namespace gs1inspect::read {

/// Working crops of the matrix reader, reused from frame to frame.
struct MatrixScratch {
  RectifiedCrop crop1x, upright1x, crop2x, upright2x, work;
  RectifiedCrop square;  // a QR region grown square (a stripe along an edge shortens it)
  cv::Mat corrected, correctedImage;  // a DataMatrix grid corrected through a stripe, and redrawn
};

/// Cells a 2D region needs for the steps after the first (a symbol of
/// about 50x50 px). Of the regions the default set's 2D symbols were read
/// from, 95% have more; half of the text fragments that become regions
/// have fewer than 15. Smaller regions are tried once and never count as a
/// symbol shown.
inline constexpr int kMinMatrixCellsForUpscale = 40;

/// Reads the 2D region `region` of `frame`'s image: the symbol found, if
/// any, is added to `frame`.
void readMatrix(FrameReading& frame, const Candidate& region, MatrixScratch& scratch);

}  // namespace gs1inspect::read

#pragma once
// The profile across a bar symbol fused from the rows that see each
// column. A bar is the same all along its length, so every row of a bar
// crop is one more look at the same profile, under its own light. A strap
// or tape laid across the symbol at a slant, a torn corner or a patch of
// glare hides a different stretch of columns in each row: a column hidden
// in some rows is seen in others.
//
//   each row (a band of averaged rows), shifted by the bars' lean
//   -> its ink and paper levels within a window of a few elements
//   -> hidden where it is flat (no contrast: glare, the inside of a strap)
//      or one run far longer than any element (a strap or tape darker or
//      lighter than the paper)
//   -> per column, the mean of the rows that see it, each normalised to
//      its own ink and paper and weighted by its contrast
//   -> columns no row sees are paper (a decoder with erasures reads them
//      as a stripe).
//
// The physics it leans on: what covers a symbol adds no bar edges of its
// own, and bars are straight.

#include <vector>

#include <opencv2/core/mat.hpp>

namespace gs1inspect::read {

struct FusedBarProfile {
  std::vector<float> levels;  // per column, 0 ink .. 255 paper
  int columnsSeenElsewhere = 0;  // columns between the symbol's outer edges hidden in some rows, seen in others
  int firstRow = 0;           // rows (bands) that hold bars
  int lastRow = 0;
};

/// Fuses the rows of `bands` (8-bit, one row per band of averaged rows,
/// bars across x) into one profile. `leanPerRow`: the bars' lean in px
/// across per row of `bands`. Pure function.
FusedBarProfile fuseBarRows(const cv::Mat& bands, float leanPerRow);

}  // namespace gs1inspect::read

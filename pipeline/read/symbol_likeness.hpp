#pragma once
// Whether a candidate the decoders could not read still looks like a
// symbol, so that a station counts it as shown but not read (a carton with
// an unread symbol is never passed), while text, logos and lettering that
// localisation also proposes are left out.

#include <opencv2/core/mat.hpp>

namespace gs1inspect::read {

/// The median correlation between neighbouring rows of `bands` (8-bit,
/// one row per band of an upright bar field): about 1 for bars, which are
/// the same all along; lower for text, whose strokes change from row to
/// row. Rows without contrast (a stripe across the bars) are skipped.
/// 0 when fewer than two rows have contrast. Pure.
float barConsistency(const cv::Mat& bands);

/// True when `grey` (8-bit, an axis-aligned crop around a 2D candidate),
/// turned by `angleRad` (the direction of its rows, see gridAngle), has
/// the gaps of text: more than one blank band of rows, or of columns,
/// between inked ones (lines of text, spaces between words). A 2D symbol
/// has ink in every row and column of modules; one blank band (a printhead
/// stripe) is allowed. Pure.
bool hasTextGaps(const cv::Mat& grey, float angleRad);

}  // namespace gs1inspect::read

#pragma once
// EAN-13, UPC-A and EAN-8 read module by module from the grey levels of
// rows across the bars, for bars too fine, blurred or ink-filled to be cut
// into bars and spaces by a threshold: board-printed retail symbols of 2 px
// modules seen at an angle, whose one-module spaces are a faint ripple.

#include <optional>
#include <string>

#include <opencv2/core/mat.hpp>

namespace gs1inspect::read {

/// What the grey levels of a bar field spell, when they spell an EAN/UPC.
struct EanUpcRead {
  enum class Kind { Ean13, UpcA, Ean8 };
  Kind kind = Kind::Ean13;
  std::string digits;  // 13, 12 or 8 digits, the check digit last and valid
  float left = 0;      // the symbol's outer guard edges, x in `rows`
  float right = 0;
  bool upsideDown = false;  // read right to left
  int firstRow = 0;    // rows of `rows` that spelt it, first and last
  int lastRow = 0;
  float moduleFit = 0;  // mean correlation of the chosen characters with their patterns, 0..1
};

/// Reads `rows` (8-bit, bars vertical, one row per band of averaged crop
/// rows, top to bottom). Groups of `rowsPerGroup` neighbouring rows are
/// read independently: each must spell valid guards, characters each
/// clearly closer to one pattern than to any other, a valid parity
/// pattern and check digit. The digits are returned only when at least
/// two groups spell them and no group spells another valid symbol.
/// Pure function: thread-safe, allocates only small vectors.
std::optional<EanUpcRead> readEanUpcProfile(const cv::Mat& rows, int rowsPerGroup);

}  // namespace gs1inspect::read

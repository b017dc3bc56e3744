#pragma once
// The project's reader: one entry point that returns every symbol in a
// frame. Thread-safe and free of global state: one Reader may be called
// from many threads at once.
//
// The reading engine (localisation, rectified crops, damage repair) is the
// next piece of work; until it lands, read() finds nothing, and the bench
// measures exactly that.

#include <vector>

#include <opencv2/core/mat.hpp>

#include "read/decoded_symbol.hpp"

namespace gs1inspect::read {

class Reader {
 public:
  /// Every symbol found in `frame` (8-bit grey or BGR, any size; not copied,
  /// not kept).
  std::vector<DecodedSymbol> read(const cv::Mat& frame) const;
};

}  // namespace gs1inspect::read

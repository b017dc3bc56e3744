#include "read/reader.hpp"

namespace gs1inspect::read {

std::vector<DecodedSymbol> Reader::read(const cv::Mat& frame) const {
  (void)frame;  // no localiser yet: nothing is found
  return {};
}

}  // namespace gs1inspect::read

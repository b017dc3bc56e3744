#include "read/zxing_call.hpp"

#include <ZXing/ReadBarcode.h>

namespace gs1inspect::read {

std::optional<ZXing::Result> decodeOne(const cv::Mat& grey, const ZxingAttempt& attempt) {
  if (grey.empty() || grey.type() != CV_8UC1) return std::nullopt;
  ZXing::DecodeHints hints;
  hints.setFormats(attempt.formats)
      .setBinarizer(attempt.binarizer)
      .setTryHarder(attempt.tryHarder)
      .setTryRotate(attempt.tryRotate)
      .setTryDownscale(attempt.tryDownscale)
      .setIsPure(attempt.pure)
      .setMinLineCount(1)  // the first row that decodes ends the call: no result is ever compared
      .setMaxNumberOfSymbols(1)
      .setReturnErrors(false);
  const ZXing::ImageView view(grey.data, grey.cols, grey.rows, ZXing::ImageFormat::Lum, static_cast<int>(grey.step[0]));
  auto result = ZXing::ReadBarcode(view, hints);
  if (!result.isValid()) return std::nullopt;
  return result;
}

}  // namespace gs1inspect::read

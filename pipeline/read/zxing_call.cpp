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

std::vector<ZXing::Result> decodeWholeFrameUnguarded(const cv::Mat& frame) {
  if (frame.empty() || frame.depth() != CV_8U || (frame.channels() != 1 && frame.channels() != 3)) return {};
  ZXing::DecodeHints hints;
  hints.setFormats(kLinearFormats | kMatrixFormats).setTryHarder(true).setTryRotate(true).setMaxNumberOfSymbols(255);
  const ZXing::ImageView view(frame.data, frame.cols, frame.rows,
                              frame.channels() == 3 ? ZXing::ImageFormat::BGR : ZXing::ImageFormat::Lum,
                              static_cast<int>(frame.step[0]));
  std::vector<ZXing::Result> valid;
  for (auto& r : ZXing::ReadBarcodes(view, hints))
    if (r.isValid()) valid.push_back(std::move(r));
  return valid;
}

}  // namespace gs1inspect::read

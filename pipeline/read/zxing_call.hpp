#pragma once
// The only place the project calls ZXing-C++ 1.4. The reader calls it in
// one configuration only, decodeOne(); the bench's whole-frame baseline
// calls decodeWholeFrameUnguarded(), only ever in a worker process.
//
// Debian's ZXing 1.4 is built with assertions on, and Result::operator==
// asserts `lineCount() == 1`: it aborts the process when two results of one
// linear symbol are compared. Results are compared only (a) in ReadBarcodes
// when more than one symbol is allowed, and (b) in the row scanner when a
// symbol must be seen on more than one row (minLineCount > 1, the default
// is 2) and a second row finds it. One symbol per call with minLineCount 1
// never compares two results: the first valid result ends the call. That
// is what decodeOne() does, and tests/read/abort_safety_test.cpp runs it
// over every DataBar, Code 128 and DataMatrix photo of the zxing-blackbox
// samples and over generated crops of every symbology, in-process.

#include <optional>
#include <vector>

#include <ZXing/BarcodeFormat.h>
#include <ZXing/DecodeHints.h>
#include <ZXing/Result.h>
#include <opencv2/core/mat.hpp>

namespace gs1inspect::read {

/// The formats the reader looks for, by kind of candidate.
inline constexpr ZXing::BarcodeFormats kLinearFormats = ZXing::BarcodeFormat::Code128 | ZXing::BarcodeFormat::DataBar |
                                                        ZXing::BarcodeFormat::DataBarExpanded |
                                                        ZXing::BarcodeFormat::EAN13 | ZXing::BarcodeFormat::EAN8 |
                                                        ZXing::BarcodeFormat::UPCA;
inline constexpr ZXing::BarcodeFormats kMatrixFormats = ZXing::BarcodeFormat::DataMatrix | ZXing::BarcodeFormat::QRCode;

/// How one call is made: what may vary between attempts.
struct ZxingAttempt {
  ZXing::BarcodeFormats formats = kLinearFormats | kMatrixFormats;
  ZXing::Binarizer binarizer = ZXing::Binarizer::LocalAverage;
  bool tryHarder = false;  // every row of a linear crop, both 2D detectors
  bool tryRotate = false;  // linear symbols at 90 degrees too
  bool tryDownscale = false;  // smaller copies of a large image too
  bool pure = false;  // the image is one clean symbol in its quiet zone (a redrawn grid)
};

/// True for the linear formats (kLinearFormats).
inline bool isLinear(ZXing::BarcodeFormat format) { return (kLinearFormats & format) == format; }

/// One symbol from an 8-bit grey image (a view: any stride), or nothing.
/// Never aborts; see the head of this file.
std::optional<ZXing::Result> decodeOne(const cv::Mat& grey, const ZxingAttempt& attempt);

/// What users of ZXing do today, for comparison: the whole frame (8-bit
/// grey or BGR), every format the reader looks for, tryHarder + tryRotate,
/// up to 255 symbols. Only valid results. It compares results, so it CAN
/// ABORT THE PROCESS (see the head of this file): call it only where a
/// lost process is expected, as the bench's worker processes do.
std::vector<ZXing::Result> decodeWholeFrameUnguarded(const cv::Mat& frame);

}  // namespace gs1inspect::read

#include "read/qr_codewords.hpp"

#include <gtest/gtest.h>

#include <string>

#include <opencv2/core.hpp>

#include "generator/symbol_renderer.hpp"
#include "read/module_grid.hpp"
#include "read/zxing_call.hpp"
#include "synthetic_frame.hpp"

namespace gs1inspect::read {
namespace {

// A version 4 symbol at level M: 2 blocks of 32 data and 18 check codewords.
constexpr const char* kData = "(01)09506000134352(17)201225(10)ABC123(21)SERIAL0123456789";

cv::Mat qrModules() { return testing::symbolModules(generator::Symbology::Qr, kData); }

int versionOf(const cv::Mat& dark) { return (dark.rows - 17) / 4; }

std::optional<std::string> decoded(const cv::Mat& dark) {
  cv::Mat image;
  drawModules(dark, 4, image);
  ZxingAttempt a;
  a.formats = ZXing::BarcodeFormat::QRCode;
  a.binarizer = ZXing::Binarizer::FixedThreshold;
  a.pure = true;
  const auto r = decodeOne(image, a);
  if (!r) return std::nullopt;
  return std::string(r->bytes().begin(), r->bytes().end());
}

TEST(QrCodewords, EveryVersionsBlocksFillItsDataModules) {
  // Table 9's blocks against the modules the placement leaves for data:
  // a wrong entry, or a function module missed or counted twice, shows.
  for (int v = 1; v <= kMaxQrVersion; ++v)
    for (int level = 0; level < 4; ++level)
      EXPECT_EQ(qrBlocks(v, level).totalCodewords(), qrCodewordCapacity(v)) << "version " << v << " level " << level;
}

TEST(QrCodewords, ReadsTheFormatAndFindsNothingToCorrectInAWholeSymbol) {
  cv::Mat dark = qrModules();
  const int v = versionOf(dark);
  ASSERT_GE(v, 2);
  const auto format = readQrFormat(dark, cv::Mat());
  ASSERT_TRUE(format);
  EXPECT_EQ(format->first, 1);  // M
  const cv::Mat before = dark.clone();
  EXPECT_EQ(correctQr(v, format->first, format->second, dark, cv::Mat(), 0), 0);
  EXPECT_EQ(cv::countNonZero(dark != before), 0);
}

TEST(QrCodewords, CorrectsAStripeOfErasuresUpToTheBlocksChecksAndNoFurther) {
  const cv::Mat whole = qrModules();
  const int v = versionOf(whole), n = whole.rows;
  const auto format = readQrFormat(whole, cv::Mat());
  ASSERT_TRUE(format);
  const auto [level, mask] = *format;
  // Columns wiped light from the right edge inwards (where the codewords
  // begin, so both blocks lose codewords), marked unseen: corrected to
  // the symbol while each block's erasures stay within its checks.
  bool corrected = false, refused = false;
  for (int width = 1; width <= 12; ++width) {
    cv::Mat dark = whole.clone(), erased = cv::Mat::zeros(n, n, CV_8U);
    const cv::Rect stripe(n - 1 - width, 0, width, n);
    dark(stripe).setTo(0);
    erased(stripe).setTo(1);
    const auto changed = correctQr(v, level, mask, dark, erased, 3);
    if (changed) {
      corrected = true;
      EXPECT_GT(*changed, 0);
      // The data modules are the symbol's again (the fixed patterns and
      // format under the stripe are not codewords: the reader redraws them).
      writeQrFormat(dark, level, mask);
      qrFixedPatterns(v).dark.copyTo(dark, qrFixedPatterns(v).fixed);
      const auto text = decoded(dark);
      ASSERT_TRUE(text) << "width " << width;
      EXPECT_NE(text->find("SERIAL0123456789"), std::string::npos);
    } else {
      refused = true;
      EXPECT_EQ(cv::countNonZero(dark(stripe)), 0) << "a refused grid stays as it was";
    }
  }
  EXPECT_TRUE(corrected);
  EXPECT_TRUE(refused) << "a stripe 12 modules wide is beyond any block's checks";
}

TEST(QrCodewords, ErrorsCostTwiceWhatErasuresDo) {
  const cv::Mat whole = qrModules();
  const int v = versionOf(whole), n = whole.rows;
  const auto [level, mask] = *readQrFormat(whole, cv::Mat());
  // The same wiped columns, not marked: fewer of them are corrected.
  int widestErased = 0, widestUnmarked = 0;
  for (int width = 1; width <= 12; ++width) {
    cv::Mat a = whole.clone(), b = whole.clone(), erased = cv::Mat::zeros(n, n, CV_8U);
    const cv::Rect stripe(n - 1 - width, 0, width, n);
    a(stripe).setTo(0);
    b(stripe).setTo(0);
    erased(stripe).setTo(1);
    if (correctQr(v, level, mask, a, erased, 3)) widestErased = width;
    if (correctQr(v, level, mask, b, cv::Mat(), 3)) widestUnmarked = width;
  }
  EXPECT_GT(widestErased, widestUnmarked);
}

TEST(QrCodewords, AWrongMaskIsRefused) {
  cv::Mat dark = qrModules();
  const int v = versionOf(dark);
  const auto [level, mask] = *readQrFormat(dark, cv::Mat());
  for (int other = 0; other < 8; ++other) {
    if (other == mask) continue;
    cv::Mat copy = dark.clone();
    EXPECT_FALSE(correctQr(v, level, other, copy, cv::Mat(), 3)) << "mask " << other;
  }
}

}  // namespace
}  // namespace gs1inspect::read

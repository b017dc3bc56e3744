// ZXing 1.4's output, normalised: GS1 content rebuilt from the symbology
// identifier and raw data, in the frame set's symbology names.
#include "read/zxing_normaliser.hpp"

#include <gtest/gtest.h>

namespace gs1inspect::read {
namespace {

gs1::ParseOptions options() {
  gs1::ParseOptions o;
  o.today = gs1::CivilDate{2026, 11, 25};
  return o;
}

TEST(ZxingNormaliser, Gs1128FromItsSymbologyIdentifier) {
  const auto s = normaliseDecoded("Code128", "]C1", "0109506000134352" "10ABC\x1d" "17201225", options());
  EXPECT_EQ(s.symbology, "gs1-128");
  EXPECT_TRUE(s.gs1);
  EXPECT_TRUE(s.valid());
  EXPECT_EQ(s.hri, "(01)09506000134352(10)ABC(17)201225");
  EXPECT_EQ(s.raw, "]C10109506000134352" "10ABC\x1d" "17201225");
  const auto plain = normaliseDecoded("Code128", "]C0", "005-3379497200006", options());
  EXPECT_EQ(plain.symbology, "code128");
  EXPECT_FALSE(plain.gs1);
  EXPECT_EQ(plain.hri, "005-3379497200006");
}

TEST(ZxingNormaliser, DataBarOmniGetsItsAi01Back) {
  const auto s = normaliseDecoded("DataBar", "]e0", "04412345678909", options());
  EXPECT_EQ(s.symbology, "gs1-databar-omni");
  EXPECT_EQ(s.hri, "(01)04412345678909");
  EXPECT_EQ(s.raw, "]e00104412345678909");
  EXPECT_TRUE(s.valid());
}

TEST(ZxingNormaliser, DataBarExpandedArrivesBracketed) {
  const auto s = normaliseDecoded("DataBarExpanded", "]e0", "(01)90012345678908(3103)012233(15)991231", options());
  EXPECT_EQ(s.symbology, "gs1-databar-expanded");
  EXPECT_EQ(s.hri, "(01)90012345678908(3103)012233(15)991231");
  EXPECT_EQ(s.raw, "]e001900123456789083103012233" "15991231");
}

TEST(ZxingNormaliser, MatrixCodesAndRetailCodes) {
  EXPECT_EQ(normaliseDecoded("DataMatrix", "]d2", "0109506000134352", options()).symbology, "gs1-datamatrix");
  EXPECT_EQ(normaliseDecoded("DataMatrix", "]d1", "0123456789", options()).symbology, "datamatrix");
  EXPECT_EQ(normaliseDecoded("QRCode", "]Q3", "0109506000134352", options()).symbology, "gs1-qr");
  EXPECT_EQ(normaliseDecoded("QRCode", "]Q1", "hello", options()).hri, "hello");
  EXPECT_EQ(normaliseDecoded("EAN-13", "]E0", "9506000134352", options()).symbology, "ean13");
  EXPECT_EQ(normaliseDecoded("UPC-A", "]E0", "950600013435", options()).symbology, "upca");
}

TEST(ZxingNormaliser, InvalidGs1DataIsKeptWithItsErrors) {
  const auto s = normaliseDecoded("Code128", "]C1", "168901", options());
  EXPECT_EQ(s.symbology, "gs1-128");
  EXPECT_FALSE(s.valid());
  EXPECT_FALSE(s.parsed.errors.empty());
  EXPECT_EQ(s.raw, "]C1168901");
}

}  // namespace
}  // namespace gs1inspect::read

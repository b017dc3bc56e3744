// GenICam pixel formats to 8-bit grey: each layout keeps what the reader
// needs, and a format or a size that does not fit is named.
#include "camera/pixel_formats.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace gs1inspect::camera {
namespace {

std::uint32_t code(const char* name) {
  const auto c = pixelFormatCode(name);
  EXPECT_TRUE(c) << name;
  return c.value_or(0);
}

TEST(PixelFormats, NamesAndCodesGoBothWays) {
  EXPECT_EQ(code("Mono8"), 0x01080001U);
  EXPECT_EQ(code("Mono12Packed"), 0x010C0006U);
  EXPECT_EQ(code("BayerRG8"), 0x01080009U);
  for (const auto& f : pixelFormats()) EXPECT_EQ(pixelFormatName(f.code), f.name);
  EXPECT_FALSE(pixelFormatCode("YUV422_8"));
  EXPECT_EQ(pixelFormatName(0x02100032), "0x02100032");
}

TEST(PixelFormats, Mono8IsCopiedAndPaddingSkipped) {
  // 3x2 pixels, each row followed by one byte of padding.
  const std::vector<std::uint8_t> data{10, 20, 30, 0xEE, 40, 50, 60};
  std::string error;
  const cv::Mat grey = toGrey(data.data(), data.size(), 3, 2, code("Mono8"), 1, error);
  ASSERT_FALSE(grey.empty()) << error;
  EXPECT_EQ(grey.type(), CV_8UC1);
  EXPECT_EQ(grey.at<std::uint8_t>(0, 2), 30);
  EXPECT_EQ(grey.at<std::uint8_t>(1, 0), 40);
  EXPECT_NE(grey.data, data.data());  // a copy: the buffer goes back to the camera
}

TEST(PixelFormats, WideMonoKeepsItsMostSignificantBits) {
  // Mono12, little endian: 4095 (white), 2048 (mid grey), 16 (near black).
  const std::vector<std::uint8_t> mono12{0xFF, 0x0F, 0x00, 0x08, 0x10, 0x00};
  std::string error;
  cv::Mat grey = toGrey(mono12.data(), mono12.size(), 3, 1, code("Mono12"), 0, error);
  ASSERT_FALSE(grey.empty()) << error;
  EXPECT_EQ(grey.at<std::uint8_t>(0, 0), 255);
  EXPECT_EQ(grey.at<std::uint8_t>(0, 1), 128);
  EXPECT_EQ(grey.at<std::uint8_t>(0, 2), 1);
  // Mono10: 1023 and 512.
  const std::vector<std::uint8_t> mono10{0xFF, 0x03, 0x00, 0x02};
  grey = toGrey(mono10.data(), mono10.size(), 2, 1, code("Mono10"), 0, error);
  ASSERT_FALSE(grey.empty()) << error;
  EXPECT_EQ(grey.at<std::uint8_t>(0, 0), 255);
  EXPECT_EQ(grey.at<std::uint8_t>(0, 1), 128);
}

TEST(PixelFormats, GigEPackedTwelveBitsUnpack) {
  // Pixels 0xABC and 0x123 in three bytes, then 0xFF0 alone (odd width).
  const std::vector<std::uint8_t> packed{0xAB, 0x3C, 0x12, 0xFF, 0x00};
  std::string error;
  const cv::Mat grey = toGrey(packed.data(), packed.size(), 3, 1, code("Mono12Packed"), 0, error);
  ASSERT_FALSE(grey.empty()) << error;
  EXPECT_EQ(grey.at<std::uint8_t>(0, 0), 0xAB);
  EXPECT_EQ(grey.at<std::uint8_t>(0, 1), 0x12);
  EXPECT_EQ(grey.at<std::uint8_t>(0, 2), 0xFF);
}

TEST(PixelFormats, BayerMosaicOfAGreySceneIsThatGrey) {
  // A grey card: every photosite sees the same light, whatever its filter.
  for (const char* name : {"BayerRG8", "BayerGB8", "BayerGR8", "BayerBG8"}) {
    const std::vector<std::uint8_t> mosaic(8 * 6, 120);
    std::string error;
    const cv::Mat grey = toGrey(mosaic.data(), mosaic.size(), 8, 6, code(name), 0, error);
    ASSERT_FALSE(grey.empty()) << name << ": " << error;
    EXPECT_NEAR(grey.at<std::uint8_t>(3, 4), 120, 1) << name;
  }
  const std::vector<std::uint16_t> mosaic12(8 * 6, 2000);  // 12 bits: 2000 / 16 = 125
  std::string error;
  const cv::Mat grey = toGrey(reinterpret_cast<const std::uint8_t*>(mosaic12.data()), mosaic12.size() * 2, 8, 6,
                              code("BayerRG12"), 0, error);
  ASSERT_FALSE(grey.empty()) << error;
  EXPECT_NEAR(grey.at<std::uint8_t>(3, 4), 125, 1);
}

TEST(PixelFormats, ColourIsWeightedToGrey) {
  const std::vector<std::uint8_t> rgb{255, 0, 0, 0, 0, 255};  // red, blue
  std::string error;
  const cv::Mat fromRgb = toGrey(rgb.data(), rgb.size(), 2, 1, code("RGB8"), 0, error);
  const cv::Mat fromBgr = toGrey(rgb.data(), rgb.size(), 2, 1, code("BGR8"), 0, error);
  ASSERT_FALSE(fromRgb.empty() || fromBgr.empty()) << error;
  EXPECT_NEAR(fromRgb.at<std::uint8_t>(0, 0), 76, 1);  // 0.299 of red
  EXPECT_NEAR(fromBgr.at<std::uint8_t>(0, 0), 29, 1);  // read as blue: 0.114
}

TEST(PixelFormats, ShortBufferAndUnknownFormatAreNamed) {
  const std::vector<std::uint8_t> data(10, 0);
  std::string error;
  EXPECT_TRUE(toGrey(data.data(), data.size(), 4, 4, code("Mono8"), 0, error).empty());
  EXPECT_EQ(error, "Mono8 image of 4x4 needs 16 bytes, got 10");
  EXPECT_TRUE(toGrey(data.data(), data.size(), 2, 2, 0x02100032, 0, error).empty());
  EXPECT_EQ(error, "pixel format 0x02100032 is not one the station converts to grey");
}

}  // namespace
}  // namespace gs1inspect::camera

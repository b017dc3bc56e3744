#include "camera/pixel_formats.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>

namespace gs1inspect::camera {

namespace {

enum class Layout { Mono8, Mono16, MonoPacked12, Bayer8, Bayer16, Rgb8, Bgr8 };

struct Format {
  PixelFormat format;
  Layout layout;
  int bits;      // significant bits of a pixel
  int cvBayer;   // OpenCV's demosaicing code to grey (Bayer layouts)
};

// PFNC codes (GenICam Pixel Format Naming Convention). OpenCV names a
// Bayer mosaic by the second row's second and third pixels, GenICam by the
// first row's first two: GenICam's RG is OpenCV's BG, and so on.
const std::vector<Format>& formats() {
  static const std::vector<Format> all{
      {{"Mono8", 0x01080001}, Layout::Mono8, 8, 0},
      {{"Mono10", 0x01100003}, Layout::Mono16, 10, 0},
      {{"Mono12", 0x01100005}, Layout::Mono16, 12, 0},
      {{"Mono14", 0x01100025}, Layout::Mono16, 14, 0},
      {{"Mono16", 0x01100007}, Layout::Mono16, 16, 0},
      {{"Mono10Packed", 0x010C0004}, Layout::MonoPacked12, 10, 0},
      {{"Mono12Packed", 0x010C0006}, Layout::MonoPacked12, 12, 0},
      {{"BayerGR8", 0x01080008}, Layout::Bayer8, 8, cv::COLOR_BayerGB2GRAY},
      {{"BayerRG8", 0x01080009}, Layout::Bayer8, 8, cv::COLOR_BayerBG2GRAY},
      {{"BayerGB8", 0x0108000A}, Layout::Bayer8, 8, cv::COLOR_BayerGR2GRAY},
      {{"BayerBG8", 0x0108000B}, Layout::Bayer8, 8, cv::COLOR_BayerRG2GRAY},
      {{"BayerGR10", 0x0110000C}, Layout::Bayer16, 10, cv::COLOR_BayerGB2GRAY},
      {{"BayerRG10", 0x0110000D}, Layout::Bayer16, 10, cv::COLOR_BayerBG2GRAY},
      {{"BayerGB10", 0x0110000E}, Layout::Bayer16, 10, cv::COLOR_BayerGR2GRAY},
      {{"BayerBG10", 0x0110000F}, Layout::Bayer16, 10, cv::COLOR_BayerRG2GRAY},
      {{"BayerGR12", 0x01100010}, Layout::Bayer16, 12, cv::COLOR_BayerGB2GRAY},
      {{"BayerRG12", 0x01100011}, Layout::Bayer16, 12, cv::COLOR_BayerBG2GRAY},
      {{"BayerGB12", 0x01100012}, Layout::Bayer16, 12, cv::COLOR_BayerGR2GRAY},
      {{"BayerBG12", 0x01100013}, Layout::Bayer16, 12, cv::COLOR_BayerRG2GRAY},
      {{"RGB8", 0x02180014}, Layout::Rgb8, 8, 0},
      {{"BGR8", 0x02180015}, Layout::Bgr8, 8, 0},
  };
  return all;
}

const Format* find(std::uint32_t code) {
  const auto& all = formats();
  const auto it = std::find_if(all.begin(), all.end(), [&](const Format& f) { return f.format.code == code; });
  return it == all.end() ? nullptr : &*it;
}

// Bytes of one row without padding.
std::size_t packedRowBytes(Layout layout, int width) {
  const auto w = static_cast<std::size_t>(width);
  switch (layout) {
    case Layout::Mono8:
    case Layout::Bayer8:
      return w;
    case Layout::Mono16:
    case Layout::Bayer16:
      return 2 * w;
    case Layout::MonoPacked12:
      return (3 * w + 1) / 2;
    case Layout::Rgb8:
    case Layout::Bgr8:
      return 3 * w;
  }
  return w;
}

// 16-bit pixels keep their `bits` significant bits' top 8.
cv::Mat top8(const cv::Mat& wide, int bits) {
  cv::Mat out;
  wide.convertTo(out, CV_8U, 1.0 / static_cast<double>(1 << (bits - 8)));
  return out;
}

// GigE Vision's Mono10Packed / Mono12Packed: pixels 2k and 2k+1 in bytes
// 3k..3k+2; bytes 3k and 3k+2 hold their 8 most significant bits.
cv::Mat unpack(const std::uint8_t* data, std::size_t rowBytes, int width, int height) {
  cv::Mat out(height, width, CV_8UC1);
  for (int y = 0; y < height; ++y) {
    const std::uint8_t* row = data + static_cast<std::size_t>(y) * rowBytes;
    auto* o = out.ptr<std::uint8_t>(y);
    for (int x = 0; x < width; ++x) o[x] = row[3 * (x / 2) + 2 * (x % 2)];
  }
  return out;
}

}  // namespace

const std::vector<PixelFormat>& pixelFormats() {
  static const std::vector<PixelFormat> all = [] {
    std::vector<PixelFormat> out;
    for (const auto& f : formats()) out.push_back(f.format);
    return out;
  }();
  return all;
}

std::optional<std::uint32_t> pixelFormatCode(std::string_view name) {
  for (const auto& f : formats()) {
    if (f.format.name == name) return f.format.code;
  }
  return std::nullopt;
}

std::string pixelFormatName(std::uint32_t code) {
  const Format* f = find(code);
  return f != nullptr ? std::string(f->format.name) : fmt::format("0x{:08X}", code);
}

cv::Mat toGrey(const std::uint8_t* data, std::size_t size, int width, int height, std::uint32_t code,
               std::size_t rowPadding, std::string& error) {
  const Format* f = find(code);
  if (f == nullptr) {
    error = fmt::format("pixel format {} is not one the station converts to grey", pixelFormatName(code));
    return {};
  }
  if (data == nullptr || width <= 0 || height <= 0) {
    error = fmt::format("{} image of {}x{} without data", f->format.name, width, height);
    return {};
  }
  const std::size_t packed = packedRowBytes(f->layout, width);
  const std::size_t rowBytes = packed + rowPadding;
  const std::size_t needed = rowBytes * static_cast<std::size_t>(height - 1) + packed;
  if (size < needed) {
    error = fmt::format("{} image of {}x{} needs {} bytes, got {}", f->format.name, width, height, needed, size);
    return {};
  }
  void* bytes = const_cast<std::uint8_t*>(data);  // wrapped read-only: every path below copies
  cv::Mat out;
  switch (f->layout) {
    case Layout::Mono8:
      cv::Mat(height, width, CV_8UC1, bytes, rowBytes).copyTo(out);
      break;
    case Layout::Mono16:
      out = top8(cv::Mat(height, width, CV_16UC1, bytes, rowBytes), f->bits);
      break;
    case Layout::MonoPacked12:
      out = unpack(data, rowBytes, width, height);
      break;
    case Layout::Bayer8:
      cv::cvtColor(cv::Mat(height, width, CV_8UC1, bytes, rowBytes), out, f->cvBayer);
      break;
    case Layout::Bayer16: {
      cv::Mat grey16;
      cv::cvtColor(cv::Mat(height, width, CV_16UC1, bytes, rowBytes), grey16, f->cvBayer);
      out = top8(grey16, f->bits);
      break;
    }
    case Layout::Rgb8:
      cv::cvtColor(cv::Mat(height, width, CV_8UC3, bytes, rowBytes), out, cv::COLOR_RGB2GRAY);
      break;
    case Layout::Bgr8:
      cv::cvtColor(cv::Mat(height, width, CV_8UC3, bytes, rowBytes), out, cv::COLOR_BGR2GRAY);
      break;
  }
  return out;
}

}  // namespace gs1inspect::camera

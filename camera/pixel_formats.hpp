#pragma once
// The pixel formats a GenICam camera may send, by their GenICam names
// (PFNC, as GigE Vision and USB3 Vision number them), and their conversion
// to the 8-bit grey the station reads.
//
// Mono8 is taken as it is; Mono10/12/14/16 (one pixel in 16 bits, little
// endian) and Mono10Packed/Mono12Packed (GigE Vision's two pixels in three
// bytes) keep their 8 most significant bits; Bayer mosaics (8, 10 or 12
// bits) are demosaiced to grey; RGB8 and BGR8 are weighted to grey.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core/mat.hpp>

namespace gs1inspect::camera {

/// A pixel format the station converts: its GenICam name and PFNC code.
struct PixelFormat {
  std::string_view name;  // "Mono8", "BayerRG12", ...
  std::uint32_t code;     // PFNC: 0x01080001 for Mono8
};

/// Every format toGrey() takes.
const std::vector<PixelFormat>& pixelFormats();
/// The PFNC code of a format's GenICam name; nullopt when not converted.
std::optional<std::uint32_t> pixelFormatCode(std::string_view name);
/// The GenICam name of a PFNC code; a hex code ("0x02100032") when not converted.
std::string pixelFormatName(std::uint32_t code);

/// One image of `width` x `height` pixels in format `code`, each row
/// followed by `rowPadding` bytes, `size` bytes in all, converted to a new
/// 8-bit grey image. Empty with `error` saying why (an unknown format, or
/// fewer bytes than the image needs).
cv::Mat toGrey(const std::uint8_t* data, std::size_t size, int width, int height, std::uint32_t code,
               std::size_t rowPadding, std::string& error);

}  // namespace gs1inspect::camera

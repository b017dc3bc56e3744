#include "camera/camera_clock.hpp"

#include <algorithm>

namespace gs1inspect::camera {

double CameraClock::captureS(std::uint64_t cameraNs, double arrivedS) {
  if (cameraNs == 0) return arrivedS;  // the camera does not stamp its frames
  const double cameraS = static_cast<double>(cameraNs) * 1e-9;
  const double seen = arrivedS - cameraS;
  if (!offset_) {
    offset_ = seen;
  } else {
    offset_ = std::min(*offset_ + kMaxSkew * std::max(0.0, arrivedS - lastArrivedS_), seen);
  }
  lastArrivedS_ = arrivedS;
  return cameraS + *offset_;
}

namespace {
// 16-bit GigE Vision block ids wrap from 65535 to 1.
constexpr std::uint64_t kLastShortId = 65535;
// A jump back from this close to the end of the 16-bit range to this
// close to its start is a wrap; any other jump back is a restart.
constexpr std::uint64_t kWrapWindow = 4096;
}  // namespace

std::uint64_t FrameIdGaps::next(std::uint64_t id) {
  std::uint64_t lost = 0;
  if (last_) {
    if (id > *last_) {
      lost = id - *last_ - 1;
    } else if (*last_ <= kLastShortId && *last_ > kLastShortId - kWrapWindow && id >= 1 && id < kWrapWindow) {
      lost = (kLastShortId - *last_) + (id - 1);
    }
  }
  last_ = id;
  return lost;
}

}  // namespace gs1inspect::camera

#include "read/quarter_turns.hpp"

#include <opencv2/core.hpp>

namespace gs1inspect::read {

namespace {

int modulo4(int turns) { return ((turns % 4) + 4) % 4; }

}  // namespace

void turnClockwise(const cv::Mat& image, int turns, cv::Mat& out) {
  static constexpr cv::RotateFlags kTurn[] = {cv::ROTATE_90_CLOCKWISE, cv::ROTATE_180, cv::ROTATE_90_COUNTERCLOCKWISE};
  const int t = modulo4(turns);
  if (t == 0) {
    if (out.data != image.data) image.copyTo(out);
    return;
  }
  cv::rotate(image, out, kTurn[t - 1]);
}

cv::Matx23f unturnMap(int turns, cv::Size size) {
  const auto lastX = static_cast<float>(size.width - 1), lastY = static_cast<float>(size.height - 1);
  switch (modulo4(turns)) {
    case 1: return {0, 1, 0, -1, 0, lastY};
    case 2: return {-1, 0, lastX, 0, -1, lastY};
    case 3: return {0, -1, lastX, 1, 0, 0};
    default: return {1, 0, 0, 0, 1, 0};
  }
}

}  // namespace gs1inspect::read

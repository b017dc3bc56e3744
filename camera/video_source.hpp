#pragma once
// cv::VideoCapture as a camera: USB/UVC devices (an index or a device
// path), video files and network streams (rtsp://, http://).
//
// Resolution, frame rate and exposure are requested where the backend
// allows; what the device really gives is in describe(). Frames are
// converted to 8-bit grey. A device that stops giving frames fails next();
// the station reopens it (see ReopeningSource). A video file ends.

#include <atomic>
#include <chrono>

#include <opencv2/videoio.hpp>

#include "camera/source.hpp"
#include "config/station_config.hpp"

namespace gs1inspect::camera {

class VideoSource : public Source {
 public:
  explicit VideoSource(config::SourceConfig config);

  std::string describe() const override;
  bool open(std::string& error) override;
  Next next() override;
  void stop() override { stopped_ = true; }
  double now() const override;
  SourceCounts counts() const override { return {delivered_.load(), 0, corrupt_.load()}; }

 private:
  using Clock = std::chrono::steady_clock;
  config::SourceConfig config_;
  cv::VideoCapture capture_;
  std::string opened_;  // what the device gave: "1920x1080 at 30 fps"
  Clock::time_point start_ = Clock::now();
  std::uint64_t sequence_ = 0;
  std::atomic<bool> stopped_{false};
  std::atomic<std::uint64_t> delivered_{0}, corrupt_{0};
};

}  // namespace gs1inspect::camera

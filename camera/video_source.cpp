#include "camera/video_source.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>

namespace gs1inspect::camera {

VideoSource::VideoSource(config::SourceConfig config) : config_(std::move(config)) {}

std::string VideoSource::describe() const {
  return opened_.empty() ? fmt::format("video {}", config_.device) : fmt::format("video {} ({})", config_.device, opened_);
}

bool VideoSource::open(std::string& error) {
  capture_.release();
  const std::string& d = config_.device;
  const bool index = !d.empty() && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  // A device path goes to V4L2, anything else (a file, rtsp://, http://) to
  // FFmpeg: OpenCV's own search would also probe GStreamer, image sequences
  // and gphoto2 cameras on every path, slowly and noisily.
  const bool device = d.rfind("/dev/", 0) == 0;
  const bool ok = index    ? capture_.open(std::stoi(d), cv::CAP_V4L2)
                  : device ? capture_.open(d, cv::CAP_V4L2)
                           : capture_.open(d, cv::CAP_FFMPEG);
  if (!ok || !capture_.isOpened()) {
    error = fmt::format("video {}: cannot be opened", d);
    return false;
  }
  if (config_.width > 0) capture_.set(cv::CAP_PROP_FRAME_WIDTH, config_.width);
  if (config_.height > 0) capture_.set(cv::CAP_PROP_FRAME_HEIGHT, config_.height);
  if (config_.fps > 0) capture_.set(cv::CAP_PROP_FPS, config_.fps);
  if (config_.exposure > 0) {
    capture_.set(cv::CAP_PROP_AUTO_EXPOSURE, 1);  // V4L2: manual
    capture_.set(cv::CAP_PROP_EXPOSURE, config_.exposure);
  }
  opened_ = fmt::format("{}x{} at {} fps, backend {}", capture_.get(cv::CAP_PROP_FRAME_WIDTH),
                        capture_.get(cv::CAP_PROP_FRAME_HEIGHT), capture_.get(cv::CAP_PROP_FPS), capture_.getBackendName());
  return true;
}

double VideoSource::now() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

Next VideoSource::next() {
  Next out;
  if (stopped_) return out;
  if (!capture_.isOpened()) {
    out.status = Next::Status::Failed;
    out.error = fmt::format("video {}: not open", config_.device);
    return out;
  }
  cv::Mat image;
  if (!capture_.read(image) || image.empty()) {
    // A file that ends, ends; a device or stream that stops has failed.
    const double frames = capture_.get(cv::CAP_PROP_FRAME_COUNT);
    const double position = capture_.get(cv::CAP_PROP_POS_FRAMES);
    if (frames > 0 && position >= frames) return out;  // End
    capture_.release();
    out.status = Next::Status::Failed;
    out.error = fmt::format("video {}: no frame (device gone or stream ended)", config_.device);
    return out;
  }
  const double t = now();
  if (image.depth() != CV_8U) {
    ++corrupt_;
    out.status = Next::Status::Failed;
    out.error = fmt::format("video {}: frames are not 8-bit", config_.device);
    return out;
  }
  if (image.channels() == 3) cv::cvtColor(image, image, cv::COLOR_BGR2GRAY);
  if (image.channels() == 4) cv::cvtColor(image, image, cv::COLOR_BGRA2GRAY);
  const std::uint64_t sequence = sequence_++;
  ++delivered_;
  out.status = Next::Status::Frame;
  out.frame = Frame{sequence, t, std::to_string(sequence), std::move(image)};
  return out;
}

}  // namespace gs1inspect::camera

#include "camera/frame_set_source.hpp"

#include <unordered_map>

#include <fmt/format.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

namespace gs1inspect::camera {

FrameSetSource::FrameSetSource(std::filesystem::path root, config::ReplaySpeed speed, bool loop, bool preload)
    : root_(std::move(root)), speed_(speed), loop_(loop), preload_(preload) {}

cv::Mat FrameSetSource::load(std::size_t index, std::string& why) const {
  cv::Mat image = cv::imread((set_->root / set_->frames[index]).string(), cv::IMREAD_UNCHANGED);
  if (image.empty() || image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3 && image.channels() != 4)) {
    why = image.empty() ? "cannot be decoded as an image" : "not an 8-bit grey or colour image";
    return {};
  }
  if (image.channels() == 3) cv::cvtColor(image, image, cv::COLOR_BGR2GRAY);
  if (image.channels() == 4) cv::cvtColor(image, image, cv::COLOR_BGRA2GRAY);
  return image;
}

std::string FrameSetSource::describe() const {
  if (!set_) return fmt::format("frame set {} ({})", root_.string(), speed_.describe());
  return fmt::format("frame set {} ({} frames, {} fps, {}{})", root_.string(), set_->frames.size(), set_->info.fps,
                     speed_.describe(), loop_ ? ", looping" : "");
}

bool FrameSetSource::open(std::string& error) {
  auto read = frameset::readFrameSet(root_);
  if (!read.set) {
    error = read.errors.empty() ? "cannot be read" : read.errors.front().describe();
    return false;
  }
  if (read.set->frames.empty()) {
    error = fmt::format("{}: frames/ holds no images", root_.string());
    return false;
  }
  set_ = std::move(read.set);
  // Capture times: index / fps, unless the truth gives t_ms.
  times_.resize(set_->frames.size());
  std::unordered_map<std::string, double> given;
  for (const auto& t : set_->truth) {
    if (t.tMs) given[t.frame] = *t.tMs / 1000.0;
  }
  for (std::size_t i = 0; i < times_.size(); ++i) {
    const auto it = given.find(set_->frames[i]);
    times_[i] = it != given.end() ? it->second : set_->frameTimeMs(i) / 1000.0;
  }
  period_ = times_.back() + 1.0 / set_->info.fps;
  if (preload_) {
    preloaded_.assign(set_->frames.size(), cv::Mat());
    cv::parallel_for_(cv::Range(0, static_cast<int>(set_->frames.size())), [&](const cv::Range& range) {
      for (int i = range.start; i < range.end; ++i) {
        std::string why;
        preloaded_[static_cast<std::size_t>(i)] = load(static_cast<std::size_t>(i), why);
      }
    });
  }
  // A reopened replay goes on from where it was (index_ and the clock,
  // which starts with the first frame asked for).
  return true;
}

double FrameSetSource::captureTime(std::size_t index) const { return loopOffset_ + times_[index]; }

double FrameSetSource::now() const {
  if (speed_.mode == config::ReplaySpeed::Mode::Max || !started_) return maxClock_.load();
  const double factor = speed_.mode == config::ReplaySpeed::Mode::Factor ? speed_.factor : 1.0;
  return std::chrono::duration<double>(Clock::now() - start_).count() * factor;
}

bool FrameSetSource::waitUntil(double captureS) {
  if (speed_.mode == config::ReplaySpeed::Mode::Max) return !stopped_;
  const double factor = speed_.mode == config::ReplaySpeed::Mode::Factor ? speed_.factor : 1.0;
  const auto due = start_ + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(captureS / factor));
  std::unique_lock lock(mutex_);
  wake_.wait_until(lock, due, [&] { return stopped_.load(); });
  return !stopped_;
}

Next FrameSetSource::next() {
  Next out;
  if (!set_) {
    out.status = Next::Status::Failed;
    out.error = "not open";
    return out;
  }
  if (!started_) {
    start_ = Clock::now();
    started_ = true;
  }
  while (!stopped_) {
    if (index_ >= set_->frames.size()) {
      if (!loop_) return out;  // End
      index_ = 0;
      loopOffset_ += period_;
    }
    const std::size_t i = index_++;
    const double t = captureTime(i);
    if (!waitUntil(t)) return out;
    const std::uint64_t sequence = sequence_++;
    std::string why = "cannot be decoded as an image";
    cv::Mat image = preload_ ? preloaded_[i] : load(i, why);
    if (image.empty()) {
      ++corrupt_;  // skipped; the sequence gap shows it
      out.skipped.push_back(fmt::format("{}: {}", set_->frames[i], why));
      continue;
    }
    if (speed_.mode == config::ReplaySpeed::Mode::Max) maxClock_ = t;
    ++delivered_;
    out.status = Next::Status::Frame;
    out.frame = Frame{sequence, t, set_->frames[i], std::move(image)};
    return out;
  }
  return out;
}

void FrameSetSource::stop() {
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
  }
  wake_.notify_all();
}

SourceCounts FrameSetSource::counts() const { return {delivered_.load(), 0, corrupt_.load()}; }

}  // namespace gs1inspect::camera

#pragma once
// A recorded frame set (docs: frameset-format.md) replayed as a camera.
//
// Realtime: each frame is handed out when its capture time comes (divided
// by the speed factor), whether or not the station kept up, as a camera
// would. Max: as fast as next() is called, the clock following the frames.
// A frame file that cannot be decoded is skipped and counted (corrupt); the
// replay goes on. With loop, the set starts again after its last frame and
// the clock goes on from where it was. With preload, every frame is
// decoded by open() and next() hands out the preloaded images (shared,
// read-only: no stage writes a frame), so the source is never the
// bottleneck of a benchmark.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>

#include "camera/source.hpp"
#include "config/station_config.hpp"
#include "frameset/frame_set.hpp"

namespace gs1inspect::camera {

class FrameSetSource : public Source {
 public:
  FrameSetSource(std::filesystem::path root, config::ReplaySpeed speed, bool loop, bool preload = false);

  std::string describe() const override;
  bool open(std::string& error) override;
  Next next() override;
  void stop() override;
  double now() const override;
  SourceCounts counts() const override;

  /// The set as read by open() (nullptr before).
  const frameset::FrameSet* set() const { return set_ ? &*set_ : nullptr; }

 private:
  using Clock = std::chrono::steady_clock;
  double captureTime(std::size_t index) const;
  // Frame `index` as 8-bit grey, or empty with `why`.
  cv::Mat load(std::size_t index, std::string& why) const;
  // Waits until the capture clock reaches `captureS`; false when stopped.
  bool waitUntil(double captureS);

  std::filesystem::path root_;
  config::ReplaySpeed speed_;
  bool loop_;
  bool preload_;
  std::vector<cv::Mat> preloaded_;  // with preload: every frame, empty where it could not be decoded
  std::optional<frameset::FrameSet> set_;
  std::vector<double> times_;  // capture time of each frame (s), from truth or fps
  double period_ = 0;          // one pass of the set (s): last time + one frame
  std::size_t index_ = 0;      // next frame of the set
  std::uint64_t sequence_ = 0;
  double loopOffset_ = 0;
  Clock::time_point start_{};
  bool started_ = false;
  std::atomic<double> maxClock_{0};  // Max: capture time of the last frame handed out
  std::atomic<bool> stopped_{false};
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<std::uint64_t> delivered_{0}, corrupt_{0};
};

}  // namespace gs1inspect::camera

#pragma once
// A source that keeps itself open: when the camera cannot be opened or
// fails, it says so and tries again after a back-off (doubled each time up
// to a maximum, reset once a frame arrives), while the station stays up.
// next() returns only frames, or End when the inner source ends or stop()
// is called.

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

#include "camera/source.hpp"

namespace gs1inspect::camera {

class ReopeningSource : public Source {
 public:
  /// Called from the source thread when the camera is lost or back:
  /// (connected, what happened).
  using Listener = std::function<void(bool connected, const std::string& message)>;

  ReopeningSource(std::unique_ptr<Source> inner, double initialBackoffS, double maxBackoffS, Listener listener);

  std::string describe() const override { return inner_->describe(); }
  /// Tries once; false when the first open failed (next() goes on trying).
  bool open(std::string& error) override;
  /// The inner source was opened by its owner already: taken as connected.
  void opened();
  Next next() override;
  void stop() override;
  double now() const override { return inner_->now(); }
  SourceCounts counts() const override { return inner_->counts(); }

  bool connected() const { return connected_; }
  std::uint64_t reopens() const { return reopens_; }

 private:
  void setConnected(bool connected, const std::string& message);
  bool sleep(double seconds);  // false when stopped

  std::unique_ptr<Source> inner_;
  double initialBackoffS_, maxBackoffS_, backoffS_;
  Listener listener_;
  std::atomic<bool> connected_{false};
  std::atomic<bool> stopped_{false};
  std::atomic<std::uint64_t> reopens_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
};

}  // namespace gs1inspect::camera

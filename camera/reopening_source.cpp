#include "camera/reopening_source.hpp"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

namespace gs1inspect::camera {

ReopeningSource::ReopeningSource(std::unique_ptr<Source> inner, double initialBackoffS, double maxBackoffS,
                                 Listener listener)
    : inner_(std::move(inner)),
      initialBackoffS_(initialBackoffS),
      maxBackoffS_(maxBackoffS),
      backoffS_(initialBackoffS),
      listener_(std::move(listener)) {}

void ReopeningSource::setConnected(bool connected, const std::string& message) {
  connected_ = connected;
  if (listener_) listener_(connected, message);
}

bool ReopeningSource::open(std::string& error) {
  if (inner_->open(error)) {
    setConnected(true, fmt::format("{} open", inner_->describe()));
    return true;
  }
  setConnected(false, error);
  return false;
}

void ReopeningSource::opened() { setConnected(true, fmt::format("{} open", inner_->describe())); }

bool ReopeningSource::sleep(double seconds) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, std::chrono::duration<double>(seconds), [&] { return stopped_.load(); });
  return !stopped_;
}

Next ReopeningSource::next() {
  while (!stopped_) {
    if (!connected_) {
      if (!sleep(backoffS_)) break;
      const double waited = backoffS_;
      backoffS_ = std::min(maxBackoffS_, backoffS_ * 2);
      std::string error;
      ++reopens_;
      if (!inner_->open(error)) {
        if (listener_) listener_(false, fmt::format("{} (retrying in {:.1f} s after {:.1f} s)", error, backoffS_, waited));
        continue;
      }
      setConnected(true, fmt::format("{} open again", inner_->describe()));
    }
    Next n = inner_->next();
    if (n.status != Next::Status::Failed) {
      if (n.status == Next::Status::Frame) backoffS_ = initialBackoffS_;
      return n;
    }
    setConnected(false, fmt::format("{} (reopening in {:.1f} s)", n.error, backoffS_));
  }
  return {};
}

void ReopeningSource::stop() {
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
  }
  wake_.notify_all();
  inner_->stop();
}

}  // namespace gs1inspect::camera

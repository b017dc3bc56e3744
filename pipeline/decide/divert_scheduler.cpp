#include "decide/divert_scheduler.hpp"

#include <chrono>

namespace gs1inspect::decide {

namespace {

// The scheduler looks at the clock at least this often (s): a real-time
// clock has no event to wake it when a divert falls due. 1 ms keeps a
// divert within a few ms of its time.
constexpr double kPollS = 0.001;

}  // namespace

double divertTime(double seenS, double offsetMm, double distanceMm, double speedMmS) {
  return seenS + (distanceMm - offsetMm) / speedMmS;
}

DivertScheduler::DivertScheduler(std::vector<std::unique_ptr<Actuator>> actuators, std::function<double()> clock,
                                 Hooks hooks)
    : actuators_(std::move(actuators)), clock_(std::move(clock)), hooks_(std::move(hooks)) {
  thread_ = std::thread([this] { run(); });
}

DivertScheduler::~DivertScheduler() { drain(); }

void DivertScheduler::schedule(DivertCommand divert, double decidedAtS) {
  divert.late = decidedAtS > divert.divertAtS;
  {
    std::lock_guard lock(mutex_);
    pending_.emplace(divert.divertAtS, std::move(divert));
  }
  wake_.notify_all();
}

void DivertScheduler::advance() { wake_.notify_all(); }

std::size_t DivertScheduler::pending() const {
  std::lock_guard lock(mutex_);
  return pending_.size();
}

void DivertScheduler::fire(DivertCommand d) {
  d.firedAtS = std::max(clock_(), d.late ? d.firedAtS : d.divertAtS);
  for (auto& a : actuators_) {
    std::string error;
    if (!a->fire(d, error) && hooks_.failed) hooks_.failed(d, a->name(), error);
  }
  if (hooks_.fired) hooks_.fired(d);
}

void DivertScheduler::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    const double now = clock_();
    while (!pending_.empty() &&
           (pending_.begin()->first <= now || pending_.begin()->second.late || (stopping_ && !drainOnTime_))) {
      DivertCommand d = std::move(pending_.begin()->second);
      pending_.erase(pending_.begin());
      lock.unlock();
      fire(std::move(d));
      lock.lock();
    }
    if (stopping_ && pending_.empty()) return;
    wake_.wait_for(lock, std::chrono::duration<double>(kPollS));
  }
}

void DivertScheduler::drain(bool onTime) {
  {
    std::lock_guard lock(mutex_);
    if (!thread_.joinable()) return;
    stopping_ = true;
    drainOnTime_ = onTime;
  }
  wake_.notify_all();
  thread_.join();
}

}  // namespace gs1inspect::decide

#pragma once
// Diverts fired when the carton reaches the diverter, not when it is
// decided.
//
// The diverter stands a configured distance downstream of the camera's
// optical axis; a carton decided when it left the view is due there after
// the belt has carried it the rest of the way (divertTime()). The scheduler
// keeps the pending diverts and fires each on every actuator when the
// capture clock reaches its time; one decided after its time is fired at
// once and counted late. The clock is the source's: wall time for a camera
// or a real-time replay, the frames' own times for a replay at full speed
// (advance() wakes the scheduler when it moves).
//
// Thread-safe: schedule(), advance() and drain() may be called from any
// thread; actuators are called from the scheduler's own thread.

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "decide/actuator.hpp"

namespace gs1inspect::decide {

/// When a carton whose middle was `offsetMm` downstream of the optical axis
/// at `seenS` reaches a diverter `distanceMm` downstream of it, on a belt
/// at `speedMmS`.
double divertTime(double seenS, double offsetMm, double distanceMm, double speedMmS);

class DivertScheduler {
 public:
  struct Hooks {
    std::function<void(const DivertCommand&)> fired;  // after every actuator took it
    std::function<void(const DivertCommand&, const std::string& actuator, const std::string& error)> failed;
  };

  DivertScheduler(std::vector<std::unique_ptr<Actuator>> actuators, std::function<double()> clock, Hooks hooks);
  ~DivertScheduler();  // drains

  /// A divert due at `divert.divertAtS`; `decidedAtS` tells whether it is late.
  void schedule(DivertCommand divert, double decidedAtS);
  /// The clock moved (a replay at full speed): fire what is due.
  void advance();
  /// Fires what is still pending and stops the thread. `onTime`: each when
  /// it falls due, for a clock that runs in real time (the cartons are on
  /// their way to the diverter: one fired early would push the carton in
  /// front of it); otherwise all at once, for a replay's clock that stopped
  /// with its last frame. The destructor drains at once.
  void drain(bool onTime = false);
  std::size_t pending() const;

 private:
  void run();
  void fire(DivertCommand d);

  std::vector<std::unique_ptr<Actuator>> actuators_;
  std::function<double()> clock_;
  bool drainOnTime_ = false;
  Hooks hooks_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::multimap<double, DivertCommand> pending_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace gs1inspect::decide

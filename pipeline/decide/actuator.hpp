#pragma once
// Actuators: what fires a divert. The station holds a list of them, made
// from the configuration by plugins::makeActuators() (plugins/, the table
// of every kind: the log, a PLC over Modbus TCP); each divert goes to every
// one.
//
// Thread-safety: fire() is called from the divert scheduler's thread only;
// the events may come from an actuator's own thread.

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace gs1inspect::decide {

/// One divert to fire.
struct DivertCommand {
  std::string carton;
  std::string reason;
  double divertAtS = 0;  // when it was due (capture clock)
  double firedAtS = 0;   // when it was fired
  bool late = false;     // decided after it was due
};

/// What an actuator tells the station besides fire()'s answer: its link to
/// the device it drives lost (and why) and back. Either may be empty.
struct ActuatorEvents {
  std::function<void(const std::string& actuator, const std::string& why)> linkLost;
  std::function<void(const std::string& actuator)> linkRestored;
};

class Actuator {
 public:
  virtual ~Actuator() = default;
  virtual const std::string& name() const = 0;
  /// Fires; false with `error` when the divert could not be sent.
  virtual bool fire(const DivertCommand& divert, std::string& error) = 0;
};

}  // namespace gs1inspect::decide

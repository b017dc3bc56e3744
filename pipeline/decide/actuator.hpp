#pragma once
// Actuators: what fires a divert. The station holds a list of them, made
// from the configuration by makeActuators(); each divert goes to every one.
// Built-ins are listed in one table in actuators.cpp; PLC and GPIO
// actuators come as plugins.
//
// Thread-safety: fire() is called from the divert scheduler's thread only.

#include <memory>
#include <string>
#include <vector>

#include "config/station_config.hpp"

namespace gs1inspect::decide {

/// One divert to fire.
struct DivertCommand {
  std::string carton;
  std::string reason;
  double divertAtS = 0;  // when it was due (capture clock)
  double firedAtS = 0;   // when it was fired
  bool late = false;     // decided after it was due
};

class Actuator {
 public:
  virtual ~Actuator() = default;
  virtual const std::string& name() const = 0;
  /// Fires; false with `error` when the divert could not be sent.
  virtual bool fire(const DivertCommand& divert, std::string& error) = 0;
};

/// The actuators the configuration names; nullptr entries never: an
/// actuator that cannot be made is an error naming it.
std::vector<std::unique_ptr<Actuator>> makeActuators(const std::vector<config::ActuatorConfig>& configs,
                                                     std::string& error);

}  // namespace gs1inspect::decide

#pragma once
// The table of actuator kinds: what the configuration's `actuators` list
// becomes. `log` (log_actuator) and `modbus` (modbus_actuator).

#include <memory>
#include <string>
#include <vector>

#include "config/station_config.hpp"
#include "decide/actuator.hpp"

namespace gs1inspect::plugins {

/// The actuators the configuration names, each opened (a file, a
/// connection); none when one cannot be, with `error` naming it.
std::vector<std::unique_ptr<decide::Actuator>> makeActuators(const std::vector<config::ActuatorConfig>& configs,
                                                             const decide::ActuatorEvents& events, std::string& error);

}  // namespace gs1inspect::plugins

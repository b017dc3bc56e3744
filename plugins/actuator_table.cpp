#include "plugins/actuator_table.hpp"

#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "plugins/log_actuator.hpp"
#include "plugins/modbus_actuator.hpp"

namespace gs1inspect::plugins {

namespace {

std::chrono::milliseconds wholeMs(double ms) { return std::chrono::milliseconds(std::lround(ms)); }

std::unique_ptr<decide::Actuator> makeModbus(const config::ActuatorConfig& c, const decide::ActuatorEvents& events,
                                             std::string& error) {
  ModbusSettings s;
  if (!parseModbusAddress(c.address, s)) {
    error = fmt::format("actuator {}: address \"{}\" is not HOST or HOST:PORT", c.name, c.address);
    return nullptr;
  }
  s.unitId = c.unitId;
  s.coil = c.coil >= 0;
  s.address = s.coil ? c.coil : c.holdingRegister;
  s.registerValue = c.registerValue;
  s.pulse = wholeMs(c.pulseMs);
  s.timeout = wholeMs(c.timeoutMs);
  auto a = std::make_unique<ModbusActuator>(c.name, s, events);
  if (!a->open(error)) return nullptr;
  return a;
}

}  // namespace

std::vector<std::unique_ptr<decide::Actuator>> makeActuators(const std::vector<config::ActuatorConfig>& configs,
                                                             const decide::ActuatorEvents& events, std::string& error) {
  std::vector<std::unique_ptr<decide::Actuator>> out;
  for (const auto& c : configs) {
    std::unique_ptr<decide::Actuator> made;
    switch (c.kind) {
      case config::ActuatorConfig::Kind::Log: {
        auto a = std::make_unique<LogActuator>(c.name, c.path);
        if (a->open(error)) made = std::move(a);
        break;
      }
      case config::ActuatorConfig::Kind::Modbus: made = makeModbus(c, events, error); break;
    }
    if (!made) return {};
    out.push_back(std::move(made));
  }
  return out;
}

}  // namespace gs1inspect::plugins

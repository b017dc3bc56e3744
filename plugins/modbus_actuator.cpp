#include "plugins/modbus_actuator.hpp"

#include <cerrno>

#include <fmt/format.h>
#include <modbus.h>
#include <spdlog/spdlog.h>

namespace gs1inspect::plugins {

namespace {

// How long ending a pulse waits before it tries again after a failure.
constexpr std::chrono::milliseconds kRetryOff{50};

}  // namespace

bool parseModbusAddress(const std::string& address, ModbusSettings& settings) {
  const auto colon = address.rfind(':');
  if (colon == std::string::npos) {
    if (address.empty()) return false;
    settings.host = address;
    return true;
  }
  const std::string port = address.substr(colon + 1);
  if (colon == 0 || port.empty() || port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 ||
      std::stoi(port) < 1 || std::stoi(port) > 65535)
    return false;
  settings.host = address.substr(0, colon);
  settings.port = port;
  return true;
}

ModbusActuator::ModbusActuator(std::string name, ModbusSettings settings, decide::ActuatorEvents events)
    : name_(std::move(name)), settings_(std::move(settings)), events_(std::move(events)) {}

ModbusActuator::~ModbusActuator() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
  if (ctx_ != nullptr) {
    modbus_close(ctx_);
    modbus_free(ctx_);
  }
}

bool ModbusActuator::open(std::string& error) {
  ctx_ = modbus_new_tcp_pi(settings_.host.c_str(), settings_.port.c_str());
  if (ctx_ == nullptr) {
    error = fmt::format("actuator {}: cannot make a Modbus TCP context for {}:{}: {}", name_, settings_.host,
                        settings_.port, modbus_strerror(errno));
    return false;
  }
  const auto timeout = settings_.timeout.count();
  modbus_set_response_timeout(ctx_, static_cast<std::uint32_t>(timeout / 1000),
                              static_cast<std::uint32_t>(timeout % 1000 * 1000));
  if (modbus_set_slave(ctx_, settings_.unitId) != 0) {
    error = fmt::format("actuator {}: unit id {}: {}", name_, settings_.unitId, modbus_strerror(errno));
    return false;
  }
  const std::lock_guard lock(mutex_);
  if (!connect(error)) return false;
  // The output starts off, whatever a previous run left.
  if (!write(false, error)) return false;
  worker_ = std::thread([this] { endPulses(); });
  return true;
}

bool ModbusActuator::connect(std::string& error) {
  if (modbus_connect(ctx_) != 0) {
    error = fmt::format("actuator {}: cannot connect to the PLC at {}:{}: {}", name_, settings_.host, settings_.port,
                        modbus_strerror(errno));
    return false;
  }
  connected_ = true;
  if (everConnected_) {
    spdlog::info("actuator {}: connected to the PLC at {}:{} again", name_, settings_.host, settings_.port);
    if (events_.linkRestored) events_.linkRestored(name_);
  }
  everConnected_ = true;
  return true;
}

void ModbusActuator::lost(const std::string& why) {
  modbus_close(ctx_);
  if (!connected_) return;  // reported when it was lost
  connected_ = false;
  spdlog::warn("actuator {}: connection to the PLC at {}:{} lost: {}", name_, settings_.host, settings_.port, why);
  if (events_.linkLost) events_.linkLost(name_, why);
}

bool ModbusActuator::write(bool on, std::string& error) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!connected_ && !connect(error)) return false;
    const int rc = settings_.coil
                       ? modbus_write_bit(ctx_, settings_.address, on ? 1 : 0)
                       : modbus_write_register(ctx_, settings_.address,
                                               static_cast<std::uint16_t>(on ? settings_.registerValue : 0));
    if (rc == 1) return true;
    const std::string why = modbus_strerror(errno);
    error = fmt::format("actuator {}: {} {} to {} at {}:{} failed: {}", name_, settings_.coil ? "coil" : "register",
                        settings_.address, on ? "on" : "off", settings_.host, settings_.port, why);
    lost(why);
  }
  return false;
}

bool ModbusActuator::fire(const decide::DivertCommand& /*divert*/, std::string& error) {
  std::unique_lock lock(mutex_);
  if (!write(true, error)) return false;
  const Clock::time_point end = Clock::now() + settings_.pulse;
  if (!offAt_ || *offAt_ < end) offAt_ = end;
  lock.unlock();
  wake_.notify_all();
  return true;
}

void ModbusActuator::endPulses() {
  std::unique_lock lock(mutex_);
  while (true) {
    if (!offAt_) {
      if (stopping_) return;
      wake_.wait(lock, [&] { return stopping_ || offAt_.has_value(); });
      continue;
    }
    // On stopping, the pulse ends now: a station that exits leaves its
    // outputs off.
    if (!stopping_ && wake_.wait_until(lock, *offAt_, [&] { return stopping_; })) continue;
    if (!stopping_ && Clock::now() < *offAt_) continue;  // a divert made the pulse longer
    std::string error;
    if (write(false, error)) {
      offAt_.reset();
    } else if (stopping_) {
      spdlog::error("{} (leaving it as it is: the station stops)", error);
      return;
    } else {
      spdlog::error("{}: trying again", error);
      *offAt_ = Clock::now() + kRetryOff;
    }
  }
}

}  // namespace gs1inspect::plugins

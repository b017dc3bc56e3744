#pragma once
// A PLC's diverter output over Modbus TCP (libmodbus): a divert turns a
// coil on, or writes a value to a holding register, for a pulse, then back
// to off (0). Diverts closer together than a pulse make one longer pulse.
//
// The connection is made at start (a PLC that cannot be reached then is an
// error naming it). A request that fails closes it; the next request
// reconnects, once, at once. Each loss is reported through the events and
// a divert that could not be sent is fire()'s error: the station logs and
// counts it. Ending a pulse is retried until it succeeds: an output must
// never stay on.
//
// fire() is called from the divert scheduler's thread; pulses end on the
// actuator's own thread. Requests on the connection are serialised.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "decide/actuator.hpp"

extern "C" {
struct _modbus;
}

namespace gs1inspect::plugins {

struct ModbusSettings {
  std::string host;
  std::string port = "502";
  int unitId = 1;
  bool coil = true;        // a coil; otherwise a holding register
  int address = 0;         // of the coil or register
  int registerValue = 1;   // written to the register for the pulse
  std::chrono::milliseconds pulse{100};
  std::chrono::milliseconds timeout{200};
};

/// "HOST" or "HOST:PORT" into `settings`; false when it is neither.
bool parseModbusAddress(const std::string& address, ModbusSettings& settings);

class ModbusActuator : public decide::Actuator {
 public:
  ModbusActuator(std::string name, ModbusSettings settings, decide::ActuatorEvents events);
  /// Ends a pulse in progress (one last try) and closes the connection.
  ~ModbusActuator() override;
  ModbusActuator(const ModbusActuator&) = delete;
  ModbusActuator& operator=(const ModbusActuator&) = delete;

  /// Connects; false with `error` naming the PLC when it cannot.
  bool open(std::string& error);

  const std::string& name() const override { return name_; }
  bool fire(const decide::DivertCommand& divert, std::string& error) override;

 private:
  using Clock = std::chrono::steady_clock;
  void endPulses();
  // Sets the output (on: the pulse value; off: 0); reconnects once when
  // the connection was lost. Call with mutex_ held.
  bool write(bool on, std::string& error);
  bool connect(std::string& error);
  void lost(const std::string& why);

  std::string name_;
  ModbusSettings settings_;
  decide::ActuatorEvents events_;
  _modbus* ctx_ = nullptr;
  bool connected_ = false;
  bool everConnected_ = false;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<Clock::time_point> offAt_;  // when the current pulse ends
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace gs1inspect::plugins

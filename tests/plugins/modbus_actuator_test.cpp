// The Modbus TCP actuator against a real Modbus server on loopback: the
// pulse a divert makes, its length, a register instead of a coil, a PLC
// that cannot be reached, and one that drops the connection or goes away
// and comes back.
#include "plugins/modbus_actuator.hpp"

#include <memory>
#include <optional>
#include <thread>

#include <gtest/gtest.h>

#include "plugins/actuator_table.hpp"
#include "plugins/plc_simulator.hpp"

namespace gs1inspect::plugins {
namespace {

using gs1inspect::testing::PlcSimulator;
using std::chrono::milliseconds;

config::ActuatorConfig coilConfig(int port, int coil, double pulseMs) {
  config::ActuatorConfig c;
  c.kind = config::ActuatorConfig::Kind::Modbus;
  c.name = "plc";
  c.address = "127.0.0.1:" + std::to_string(port);
  c.coil = coil;
  c.pulseMs = pulseMs;
  return c;
}

std::unique_ptr<decide::Actuator> make(const config::ActuatorConfig& c, const decide::ActuatorEvents& events = {}) {
  std::string error;
  auto actuators = makeActuators({c}, events, error);
  EXPECT_EQ(actuators.size(), 1U) << error;
  return actuators.empty() ? nullptr : std::move(actuators.front());
}

decide::DivertCommand divert(const std::string& carton) { return {carton, "no-read", 1.0, 1.0, false}; }

// Waits until the simulator has seen `count` changes (or 2 s).
std::vector<PlcSimulator::Change> waitForChanges(const PlcSimulator& plc, std::size_t count) {
  for (int i = 0; i < 200 && plc.changes().size() < count; ++i) std::this_thread::sleep_for(milliseconds(10));
  return plc.changes();
}

double ms(PlcSimulator::Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

TEST(ModbusActuator, ADivertIsAPulseOfTheConfiguredLengthOnTheCoil) {
  PlcSimulator plc;
  auto actuator = make(coilConfig(plc.port(), 5, 80));
  ASSERT_TRUE(actuator);
  std::string error;
  const auto sent = PlcSimulator::Clock::now();
  ASSERT_TRUE(actuator->fire(divert("C1"), error)) << error;
  const auto changes = waitForChanges(plc, 2);
  ASSERT_EQ(changes.size(), 2U);
  EXPECT_TRUE(changes[0].coil);
  EXPECT_EQ(changes[0].address, 5);
  EXPECT_EQ(changes[0].value, 1);
  EXPECT_EQ(changes[1].value, 0);
  EXPECT_LT(ms(changes[0].at - sent), 40.0);  // on when fired
  EXPECT_NEAR(ms(changes[1].at - changes[0].at), 80.0, 35.0);  // a loaded 2-core machine schedules late
}

TEST(ModbusActuator, DivertsWithinAPulseMakeOneLongerPulse) {
  PlcSimulator plc;
  auto actuator = make(coilConfig(plc.port(), 0, 100));
  ASSERT_TRUE(actuator);
  std::string error;
  ASSERT_TRUE(actuator->fire(divert("C1"), error)) << error;
  std::this_thread::sleep_for(milliseconds(50));
  ASSERT_TRUE(actuator->fire(divert("C2"), error)) << error;
  const auto changes = waitForChanges(plc, 2);
  std::this_thread::sleep_for(milliseconds(150));
  ASSERT_EQ(plc.changes().size(), 2U);  // on once, off once
  EXPECT_NEAR(ms(changes[1].at - changes[0].at), 150.0, 40.0);
}

TEST(ModbusActuator, WritesTheConfiguredValueToAHoldingRegister) {
  PlcSimulator plc;
  config::ActuatorConfig c = coilConfig(plc.port(), -1, 40);
  c.holdingRegister = 12;
  c.registerValue = 7;
  auto actuator = make(c);
  ASSERT_TRUE(actuator);
  std::string error;
  ASSERT_TRUE(actuator->fire(divert("C1"), error)) << error;
  const auto changes = waitForChanges(plc, 2);
  ASSERT_EQ(changes.size(), 2U);
  EXPECT_FALSE(changes[0].coil);
  EXPECT_EQ(changes[0].address, 12);
  EXPECT_EQ(changes[0].value, 7);
  EXPECT_EQ(changes[1].value, 0);
}

TEST(ModbusActuator, APlcThatCannotBeReachedAtStartIsAnErrorNamingIt) {
  int port = 0;
  {
    PlcSimulator gone;  // a port that was free a moment ago
    port = gone.port();
  }
  std::string error;
  const auto actuators = makeActuators({coilConfig(port, 1, 50)}, {}, error);
  EXPECT_TRUE(actuators.empty());
  EXPECT_NE(error.find("actuator plc: cannot connect to the PLC at 127.0.0.1:" + std::to_string(port)), std::string::npos)
      << error;
  config::ActuatorConfig bad = coilConfig(port, 1, 50);
  bad.address = "127.0.0.1:http";
  EXPECT_TRUE(makeActuators({bad}, {}, error).empty());
  EXPECT_NE(error.find("is not HOST or HOST:PORT"), std::string::npos) << error;
}

TEST(ModbusActuator, ALostConnectionIsCountedAndTheNextDivertReconnects) {
  auto plc = std::make_unique<PlcSimulator>();
  const int port = plc->port();
  std::vector<std::string> events;
  std::mutex eventsMutex;
  decide::ActuatorEvents hooks;
  hooks.linkLost = [&](const std::string& name, const std::string&) {
    const std::lock_guard lock(eventsMutex);
    events.push_back("lost " + name);
  };
  hooks.linkRestored = [&](const std::string& name) {
    const std::lock_guard lock(eventsMutex);
    events.push_back("up " + name);
  };
  auto actuator = make(coilConfig(port, 3, 20), hooks);
  ASSERT_TRUE(actuator);
  std::string error;
  // The PLC closes the connection: the next divert finds it closed,
  // reconnects at once and is sent.
  plc->dropClient();
  std::this_thread::sleep_for(milliseconds(100));
  EXPECT_TRUE(actuator->fire(divert("C1"), error)) << error;
  waitForChanges(*plc, 2);
  // The PLC goes away: the divert cannot be sent, and says why.
  plc.reset();
  error.clear();
  EXPECT_FALSE(actuator->fire(divert("C2"), error));
  EXPECT_NE(error.find("127.0.0.1:" + std::to_string(port)), std::string::npos) << error;
  // It comes back on the same port: the next divert goes through.
  plc = std::make_unique<PlcSimulator>(port);
  error.clear();
  EXPECT_TRUE(actuator->fire(divert("C3"), error)) << error;
  const auto changes = waitForChanges(*plc, 2);
  ASSERT_EQ(changes.size(), 2U);
  EXPECT_EQ(changes[0].value, 1);
  const std::lock_guard lock(eventsMutex);
  ASSERT_GE(events.size(), 3U);
  EXPECT_EQ(events.front(), "lost plc");
  EXPECT_EQ(events.back(), "up plc");
}

}  // namespace
}  // namespace gs1inspect::plugins

#pragma once
// A PLC for tests: a real Modbus TCP server (libmodbus) on 127.0.0.1 and a
// free port, in its own thread, recording every change of its coils and
// holding registers with the time it arrived. It can drop its client's
// connection, or stop and start again on the same port, as a PLC that
// restarts does.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

struct _modbus;
struct _modbus_mapping_t;

namespace gs1inspect::testing {

class PlcSimulator {
 public:
  using Clock = std::chrono::steady_clock;
  struct Change {
    Clock::time_point at;
    std::chrono::system_clock::time_point wall;  // the same moment on the wall clock
    bool coil;        // a coil; otherwise a holding register
    int address;
    int value;
  };

  /// Listens on 127.0.0.1; `port` 0: any free port.
  explicit PlcSimulator(int port = 0);
  ~PlcSimulator();
  PlcSimulator(const PlcSimulator&) = delete;
  PlcSimulator& operator=(const PlcSimulator&) = delete;

  int port() const { return port_; }
  std::vector<Change> changes() const;
  /// Closes the connection of the client now connected (it may reconnect).
  void dropClient() { dropClient_ = true; }
  /// Requests answered so far.
  int requests() const { return requests_; }

 private:
  void serve();

  int port_ = 0;
  _modbus* ctx_ = nullptr;
  _modbus_mapping_t* mapping_ = nullptr;
  int listenSocket_ = -1;
  std::atomic<bool> stop_{false};
  std::atomic<bool> dropClient_{false};
  std::atomic<int> requests_{0};
  mutable std::mutex mutex_;
  std::vector<Change> changes_;
  std::thread thread_;
};

}  // namespace gs1inspect::testing

#pragma once
// Aravis's GigE Vision camera simulator (arv-fake-gv-camera-0.8, Debian
// aravis-tools) as a test's camera: a separate process answering the GigE
// Vision protocol on 127.0.0.1, started, killed (as a cable pulled) and
// started again. It listens on the GigE Vision control port (3956), so one
// runs at a time: the tests using it share a ctest resource lock.

#include <string>

#include <sys/types.h>

namespace gs1inspect::testing {

class GvSimulator {
 public:
  /// Starts the simulator with this serial number; running() says whether
  /// it answers, error() why not.
  explicit GvSimulator(std::string serial);
  ~GvSimulator();
  GvSimulator(const GvSimulator&) = delete;
  GvSimulator& operator=(const GvSimulator&) = delete;

  /// Starts it (again); false with error() when it does not come up.
  bool start();
  /// Kills it at once (SIGKILL: no goodbye to its client).
  void kill();
  bool running() const { return pid_ > 0; }
  const std::string& error() const { return error_; }

 private:
  std::string serial_;
  pid_t pid_ = -1;
  std::string error_;
};

}  // namespace gs1inspect::testing

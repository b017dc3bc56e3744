#pragma once
// The log actuator: one line per divert, appended to a file or written to
// the station's log. Where no PLC is connected (a replay, a trial run) it
// shows what the diverter would have done.

#include <fstream>
#include <string>

#include "decide/actuator.hpp"

namespace gs1inspect::plugins {

class LogActuator : public decide::Actuator {
 public:
  /// `path` empty: the station's log.
  LogActuator(std::string name, std::string path);

  /// Opens the file; false with `error` naming it when it cannot be appended to.
  bool open(std::string& error);

  const std::string& name() const override { return name_; }
  bool fire(const decide::DivertCommand& divert, std::string& error) override;

 private:
  std::string name_, path_;
  std::ofstream out_;
};

}  // namespace gs1inspect::plugins

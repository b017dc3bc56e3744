#include "plugins/log_actuator.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace gs1inspect::plugins {

LogActuator::LogActuator(std::string name, std::string path) : name_(std::move(name)), path_(std::move(path)) {}

bool LogActuator::open(std::string& error) {
  if (path_.empty()) return true;
  out_.open(path_, std::ios::app);
  if (!out_) error = fmt::format("actuator {}: {} cannot be opened for appending", name_, path_);
  return static_cast<bool>(out_);
}

bool LogActuator::fire(const decide::DivertCommand& d, std::string& error) {
  const std::string line = fmt::format("divert {} ({}) at {:.3f} s, due {:.3f} s{}", d.carton, d.reason, d.firedAtS,
                                       d.divertAtS, d.late ? ", LATE" : "");
  if (path_.empty()) {
    spdlog::info("{}", line);
    return true;
  }
  out_ << line << '\n' << std::flush;
  if (!out_) {
    error = fmt::format("actuator {}: write to {} failed", name_, path_);
    return false;
  }
  return true;
}

}  // namespace gs1inspect::plugins

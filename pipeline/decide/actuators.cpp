#include <cstdio>
#include <fstream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "decide/actuator.hpp"

namespace gs1inspect::decide {

namespace {

// The built-in log actuator: one line per divert, to a file or the log.
class LogActuator : public Actuator {
 public:
  LogActuator(std::string name, std::string path) : name_(std::move(name)), path_(std::move(path)) {}

  bool open(std::string& error) {
    if (path_.empty()) return true;
    out_.open(path_, std::ios::app);
    if (!out_) error = fmt::format("actuator {}: {} cannot be opened for appending", name_, path_);
    return static_cast<bool>(out_);
  }

  const std::string& name() const override { return name_; }

  bool fire(const DivertCommand& d, std::string& error) override {
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

 private:
  std::string name_, path_;
  std::ofstream out_;
};

}  // namespace

std::vector<std::unique_ptr<Actuator>> makeActuators(const std::vector<config::ActuatorConfig>& configs,
                                                     std::string& error) {
  std::vector<std::unique_ptr<Actuator>> out;
  for (const auto& c : configs) {
    switch (c.kind) {  // the built-in table
      case config::ActuatorConfig::Kind::Log: {
        auto a = std::make_unique<LogActuator>(c.name, c.path);
        if (!a->open(error)) return {};
        out.push_back(std::move(a));
        break;
      }
    }
  }
  return out;
}

}  // namespace gs1inspect::decide

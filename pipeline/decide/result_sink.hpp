#pragma once
// Result sinks: where each decided carton's journal record goes besides the
// journal (a webhook, a plugin). The station holds a list of them, made
// from the configuration's `sinks` by plugins::makeSinks().
//
// take() is called from the station's cartons stage, once per carton, in
// decision order: it must never block (a sink queues and sends on its own
// thread; one that cannot keep up drops and counts).

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace gs1inspect::decide {

/// What a sink tells the station of its records: sent, dropped (its queue
/// was full), and each send that failed (and why; it is tried again).
struct SinkEvents {
  std::function<void(const std::string& sink)> sent;
  std::function<void(const std::string& sink)> dropped;
  std::function<void(const std::string& sink, const std::string& why)> failed;
};

class ResultSink {
 public:
  virtual ~ResultSink() = default;
  virtual const std::string& name() const = 0;
  /// One journal record (decide::toJson(CartonRecord)); never blocks.
  virtual void take(const nlohmann::ordered_json& record) = 0;
};

}  // namespace gs1inspect::decide

#pragma once
// The table of result sink kinds: what the configuration's `sinks` list
// becomes. `webhook` (webhook_sink).

#include <memory>
#include <string>
#include <vector>

#include "config/station_config.hpp"
#include "decide/result_sink.hpp"

namespace gs1inspect::plugins {

/// The sinks the configuration names; none when one cannot be made, with
/// `error` naming it.
std::vector<std::unique_ptr<decide::ResultSink>> makeSinks(const std::vector<config::SinkConfig>& configs,
                                                           const decide::SinkEvents& events, std::string& error);

}  // namespace gs1inspect::plugins

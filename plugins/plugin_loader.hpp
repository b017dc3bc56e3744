#pragma once
// Plugins through the C ABI of plugins/include/gs1_inspect_plugin.h: every
// shared object (*.so) in the one directory the configuration names is
// opened (dlopen), its entry point asked for its description, and refused,
// with a message naming it and both versions, when its ABI version is not
// the station's. A plugin that loads takes each decision as a result sink
// (decide::ResultSink) and each divert as an actuator (decide::Actuator),
// both named "plugin:NAME".

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "decide/actuator.hpp"
#include "decide/result_sink.hpp"

namespace gs1inspect::plugins {

struct LoadedPlugins {
  std::vector<std::unique_ptr<decide::ResultSink>> sinks;
  std::vector<std::unique_ptr<decide::Actuator>> actuators;
  std::vector<std::string> names;    // "plugin:NAME" of each plugin loaded, in file-name order
  std::vector<std::string> refused;  // why each plugin that did not load did not
};

/// Loads the plugins of `directory` (in file-name order), each given its
/// text of `settings` (by the plugin's own name; none: NULL). Never throws;
/// a plugin that cannot be used is named in `refused` and left out.
LoadedPlugins loadPlugins(const std::filesystem::path& directory, const std::map<std::string, std::string>& settings,
                          const decide::SinkEvents& events);

}  // namespace gs1inspect::plugins

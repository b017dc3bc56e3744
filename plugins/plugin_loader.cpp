#include "plugins/plugin_loader.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "gs1_inspect_plugin.h"

namespace gs1inspect::plugins {

namespace {

// One loaded plugin: the library, its description and its state. Shared by
// its sink and actuator sides; the last one gone destroys the state, then
// closes the library.
class Plugin {
 public:
  Plugin(void* library, const gs1i_plugin_info* info, void* state)
      : library_(library), info_(info), state_(state), name_(fmt::format("plugin:{}", info->name)) {}
  ~Plugin() {
    if (info_->destroy != nullptr) info_->destroy(state_);
    dlclose(library_);
  }
  Plugin(const Plugin&) = delete;
  Plugin& operator=(const Plugin&) = delete;

  const std::string& name() const { return name_; }
  const gs1i_plugin_info& info() const { return *info_; }
  void* state() const { return state_; }

 private:
  void* library_;
  const gs1i_plugin_info* info_;
  void* state_;
  std::string name_;
};

std::string text(const nlohmann::ordered_json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

double number(const nlohmann::ordered_json& j, const char* key, double otherwise) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : otherwise;
}

class PluginSink : public decide::ResultSink {
 public:
  PluginSink(std::shared_ptr<Plugin> plugin, decide::SinkEvents events)
      : plugin_(std::move(plugin)), events_(std::move(events)) {}
  const std::string& name() const override { return plugin_->name(); }

  void take(const nlohmann::ordered_json& record) override {
    // The C struct's strings point into these, alive for the call.
    const std::string json = record.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    const std::string carton = text(record, "carton"), verdict = text(record, "verdict"), reason = text(record, "reason");
    const std::string wall = text(record, "wall");
    std::vector<std::string> strings;
    std::vector<gs1i_symbol> symbols;
    const auto list = record.find("symbols");
    if (list != record.end() && list->is_array()) {
      strings.reserve(2 * list->size());
      for (const auto& s : *list) {
        strings.push_back(text(s, "symbology"));
        strings.push_back(text(s, "hri"));
        symbols.push_back({strings[strings.size() - 2].c_str(), strings.back().c_str(), s.value("valid", false) ? 1 : 0});
      }
    }
    gs1i_decision d{};
    d.struct_size = sizeof d;
    d.carton = carton.c_str();
    d.verdict = verdict.c_str();
    d.reason = reason.empty() ? nullptr : reason.c_str();
    d.first_seen_s = number(record, "first_seen", 0);
    d.last_seen_s = number(record, "last_seen", 0);
    d.decided_at_s = number(record, "decided_at", 0);
    d.divert_at_s = number(record, "divert_at", -1);
    d.wall = wall.c_str();
    d.symbol_count = symbols.size();
    d.symbols = symbols.data();
    d.json = json.c_str();
    const int rc = plugin_->info().on_decision != nullptr ? plugin_->info().on_decision(plugin_->state(), &d) : 0;
    if (rc == 0) {
      if (events_.sent) events_.sent(name());
    } else {
      const std::string why = fmt::format("on_decision returned {} for carton {}", rc, carton);
      spdlog::error("{}: {}", name(), why);
      if (events_.failed) events_.failed(name(), why);
    }
  }

 private:
  std::shared_ptr<Plugin> plugin_;
  decide::SinkEvents events_;
};

class PluginActuator : public decide::Actuator {
 public:
  explicit PluginActuator(std::shared_ptr<Plugin> plugin) : plugin_(std::move(plugin)) {}
  const std::string& name() const override { return plugin_->name(); }

  bool fire(const decide::DivertCommand& divert, std::string& error) override {
    if (plugin_->info().on_divert == nullptr) return true;
    gs1i_divert d{};
    d.struct_size = sizeof d;
    d.carton = divert.carton.c_str();
    d.reason = divert.reason.c_str();
    d.divert_at_s = divert.divertAtS;
    d.fired_at_s = divert.firedAtS;
    d.late = divert.late ? 1 : 0;
    const int rc = plugin_->info().on_divert(plugin_->state(), &d);
    if (rc != 0) error = fmt::format("{}: on_divert returned {}", name(), rc);
    return rc == 0;
  }

 private:
  std::shared_ptr<Plugin> plugin_;
};

// Opens one plugin; nullptr with `why` when it cannot be used.
std::shared_ptr<Plugin> open(const std::filesystem::path& file, const std::map<std::string, std::string>& settings,
                             std::string& why) {
  void* library = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    why = fmt::format("plugin {}: cannot be loaded: {}", file.string(), dlerror());
    return nullptr;
  }
  const auto fail = [&](std::string message) {
    why = std::move(message);
    dlclose(library);
    return nullptr;
  };
  void* entry = dlsym(library, GS1I_PLUGIN_ENTRY);
  if (entry == nullptr) return fail(fmt::format("plugin {}: exports no {}(): not a gs1-inspect plugin", file.string(), GS1I_PLUGIN_ENTRY));
  const gs1i_plugin_info* info = reinterpret_cast<gs1i_plugin_register_fn>(entry)();
  if (info == nullptr) return fail(fmt::format("plugin {}: {}() returned nothing", file.string(), GS1I_PLUGIN_ENTRY));
  if (info->abi_version != GS1I_PLUGIN_ABI_VERSION)
    return fail(fmt::format("plugin {}: built for plugin ABI version {}, this station speaks version {}: refused",
                            file.string(), info->abi_version, GS1I_PLUGIN_ABI_VERSION));
  if (info->name == nullptr || info->name[0] == '\0' || info->create == nullptr)
    return fail(fmt::format("plugin {}: its description has no name or no create function: refused", file.string()));
  const auto setting = settings.find(info->name);
  char error[256] = {};
  void* state = info->create(setting != settings.end() ? setting->second.c_str() : nullptr, error);
  if (state == nullptr) return fail(fmt::format("plugin {} ({}): could not start: {}", info->name, file.string(), error));
  return std::make_shared<Plugin>(library, info, state);
}

}  // namespace

LoadedPlugins loadPlugins(const std::filesystem::path& directory, const std::map<std::string, std::string>& settings,
                          const decide::SinkEvents& events) {
  LoadedPlugins out;
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".so") files.push_back(entry.path());
  if (ec) {
    out.refused.push_back(fmt::format("plugins: {} cannot be listed: {}", directory.string(), ec.message()));
    return out;
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::string why;
    const auto plugin = open(file, settings, why);
    if (!plugin) {
      out.refused.push_back(why);
      continue;
    }
    if (std::find(out.names.begin(), out.names.end(), plugin->name()) != out.names.end()) {
      out.refused.push_back(fmt::format("plugin {}: a plugin named {} is loaded already: refused", file.string(), plugin->name()));
      continue;
    }
    out.names.push_back(plugin->name());
    out.sinks.push_back(std::make_unique<PluginSink>(plugin, events));
    out.actuators.push_back(std::make_unique<PluginActuator>(plugin));
  }
  return out;
}

}  // namespace gs1inspect::plugins

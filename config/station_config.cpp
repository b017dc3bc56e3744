#include "config/station_config.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "camera/pixel_formats.hpp"
#include "frameset/frame_set.hpp"
#include "gs1/component_checks.hpp"

namespace gs1inspect::config {

std::optional<ReplaySpeed> ReplaySpeed::parse(std::string_view text) {
  if (text == "realtime") return ReplaySpeed{};
  if (text == "max") return ReplaySpeed{Mode::Max, 0};
  const std::string s(text);
  char* end = nullptr;
  const double factor = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(factor) || factor <= 0) return std::nullopt;
  return ReplaySpeed{Mode::Factor, factor};
}

std::string ReplaySpeed::describe() const {
  switch (mode) {
    case Mode::Realtime:
      return "realtime";
    case Mode::Max:
      return "max";
    case Mode::Factor:
      return fmt::format("{}x", factor);
  }
  return "?";
}

std::string ConfigError::describe() const {
  std::string where = file;
  if (line > 0) where += fmt::format(":{}", line);
  return key.empty() ? fmt::format("{}: {}", where, message) : fmt::format("{}: {}: {}", where, key, message);
}

namespace {

// Walks the YAML tree: each reader takes a node, its dotted key, and writes
// the value or records an error at the node's line. Unknown keys are errors.
class Validator {
 public:
  Validator(std::string file, std::vector<ConfigError>& errors) : file_(std::move(file)), errors_(errors) {}

  void fail(const YAML::Node& at, const std::string& key, std::string message) {
    const int line = at.IsDefined() && !at.Mark().is_null() ? at.Mark().line + 1 : 0;
    errors_.push_back({file_, line, key, std::move(message)});
  }

  // Calls `each(key, value, path)` for every entry of the map `node`;
  // entries whose key is not in `known` are errors.
  void forEach(const YAML::Node& node, const std::string& path, std::initializer_list<std::string_view> known,
               const std::function<void(const std::string&, const YAML::Node&, const std::string&)>& each) {
    if (!node.IsMap()) {
      fail(node, path, fmt::format("expected a map of {}, got {}", list(known), kindOf(node)));
      return;
    }
    for (const auto& entry : node) {
      const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string("?");
      const std::string full = path.empty() ? key : path + "." + key;
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        fail(entry.first, full, fmt::format("unknown key (expected one of {})", list(known)));
        continue;
      }
      each(key, entry.second, full);
    }
  }

  void number(const YAML::Node& node, const std::string& key, double min, double max, double& out,
              bool minExclusive = false) {
    double v = 0;
    if (!node.IsScalar() || !YAML::convert<double>::decode(node, v) || !std::isfinite(v)) {
      fail(node, key, fmt::format("expected a number, got {}", shown(node)));
      return;
    }
    if (v < min || v > max || (minExclusive && v == min)) {
      fail(node, key, fmt::format("expected a number {}{} and at most {}, got {}", minExclusive ? "greater than " : "from ",
                                  min, max, shown(node)));
      return;
    }
    out = v;
  }

  void integer(const YAML::Node& node, const std::string& key, int min, int max, int& out) {
    int v = 0;
    if (!node.IsScalar() || !YAML::convert<int>::decode(node, v)) {
      fail(node, key, fmt::format("expected a whole number, got {}", shown(node)));
      return;
    }
    if (v < min || v > max) {
      fail(node, key, fmt::format("expected a whole number from {} to {}, got {}", min, max, v));
      return;
    }
    out = v;
  }

  void boolean(const YAML::Node& node, const std::string& key, bool& out) {
    if (!node.IsScalar() || !YAML::convert<bool>::decode(node, out)) {
      fail(node, key, fmt::format("expected true or false, got {}", shown(node)));
    }
  }

  bool text(const YAML::Node& node, const std::string& key, std::string& out) {
    if (!node.IsScalar()) {
      fail(node, key, fmt::format("expected text, got {}", kindOf(node)));
      return false;
    }
    out = node.Scalar();
    return true;
  }

  template <class T>
  void choice(const YAML::Node& node, const std::string& key, const std::map<std::string_view, T>& choices, T& out) {
    std::string s;
    if (!text(node, key, s)) return;
    const auto it = choices.find(s);
    if (it == choices.end()) {
      std::vector<std::string_view> names;
      for (const auto& [name, value] : choices) names.push_back(name);
      fail(node, key, fmt::format("expected one of {}, got \"{}\"", fmt::join(names, ", "), s));
      return;
    }
    out = it->second;
  }

  // A list of maps, each read into a T by `item(node, path, out)`, whose
  // names must differ; `what` names an item in messages ("actuator").
  template <class T>
  void namedList(const YAML::Node& node, const std::string& path, std::string_view what, std::vector<T>& out,
                 const std::function<void(const YAML::Node&, const std::string&, T&)>& item) {
    if (!node.IsSequence()) {
      fail(node, path, fmt::format("expected a list of {}s, got {}", what, kindOf(node)));
      return;
    }
    out.clear();
    for (std::size_t i = 0; i < node.size(); ++i) {
      T t;
      const std::string itemPath = fmt::format("{}[{}]", path, i);
      item(node[i], itemPath, t);
      if (node[i].IsMap() && std::any_of(out.begin(), out.end(), [&](const T& o) { return o.name == t.name; }))
        fail(node[i], itemPath + ".name", fmt::format("expected a name no other {} has, got \"{}\"", what, t.name));
      out.push_back(t);
    }
  }

  // A list of text items, each checked by `ok` (which describes what it
  // expects, or returns empty when the item is good).
  void textList(const YAML::Node& node, const std::string& key, std::vector<std::string>& out,
                const std::function<std::string(const std::string&)>& check) {
    if (!node.IsSequence()) {
      fail(node, key, fmt::format("expected a list, got {}", kindOf(node)));
      return;
    }
    out.clear();
    for (std::size_t i = 0; i < node.size(); ++i) {
      const YAML::Node item = node[i];
      std::string s;
      const std::string itemKey = fmt::format("{}[{}]", key, i);
      if (!text(item, itemKey, s)) continue;
      if (const std::string why = check(s); !why.empty()) {
        fail(item, itemKey, fmt::format("expected {}, got \"{}\"", why, s));
        continue;
      }
      out.push_back(s);
    }
  }

  static std::string kindOf(const YAML::Node& node) {
    switch (node.Type()) {
      case YAML::NodeType::Map:
        return "a map";
      case YAML::NodeType::Sequence:
        return "a list";
      case YAML::NodeType::Scalar:
        return fmt::format("\"{}\"", node.Scalar());
      case YAML::NodeType::Null:
        return "nothing";
      default:
        return "no value";
    }
  }

 private:
  static std::string shown(const YAML::Node& node) { return kindOf(node); }
  static std::string list(std::initializer_list<std::string_view> known) { return fmt::format("{}", fmt::join(known, ", ")); }

  std::string file_;
  std::vector<ConfigError>& errors_;
};

std::string checkSymbology(const std::string& s) {
  for (const char* name : frameset::kSymbologies) {
    if (s == name) return {};
  }
  return "a symbology of the frame-set format (gs1-128, gs1-datamatrix, ean13, ...)";
}

std::string checkAi(const std::string& s) {
  const bool digits = std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  return digits && s.size() >= 2 && s.size() <= 4 ? std::string() : "an AI of 2 to 4 digits";
}

std::string checkGtin(const std::string& s) {
  const bool digits = std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || s.size() != 14) return "a GTIN of 14 digits";
  return gs1::gs1CheckDigit(std::string_view(s).substr(0, 13)) == s[13] ? std::string()
                                                                         : "a GTIN whose check digit is right";
}

void readGige(Validator& v, const YAML::Node& node, const std::string& path, GigeConfig& out) {
  using Trigger = GigeConfig::Trigger;
  static const std::map<std::string_view, Trigger> triggers{
      {"free-run", Trigger::FreeRun}, {"software", Trigger::Software}, {"line", Trigger::Line}};
  v.forEach(node, path,
            {"camera", "serial", "address", "pixel_format", "exposure_us", "gain_db", "trigger", "trigger_line",
             "packet_size", "packet_delay_ns", "buffers", "frame_timeout_s", "features"},
            [&](const std::string& key, const YAML::Node& value, const std::string& full) {
              if (key == "camera") v.text(value, full, out.camera);
              if (key == "serial") v.text(value, full, out.serial);
              if (key == "address") v.text(value, full, out.address);
              if (key == "pixel_format" && v.text(value, full, out.pixelFormat) &&
                  !camera::pixelFormatCode(out.pixelFormat)) {
                std::vector<std::string_view> names;
                for (const auto& f : camera::pixelFormats()) names.push_back(f.name);
                v.fail(value, full, fmt::format("expected one of {}, got \"{}\"", fmt::join(names, ", "), out.pixelFormat));
              }
              if (key == "exposure_us") v.number(value, full, 0, 1e7, out.exposureUs);
              if (key == "gain_db") {
                double gain = 0;
                v.number(value, full, -100, 100, gain);
                out.gainDb = gain;
              }
              if (key == "trigger") v.choice(value, full, triggers, out.trigger);
              if (key == "trigger_line") v.text(value, full, out.triggerLine);
              if (key == "packet_size") v.integer(value, full, 0, 16384, out.packetSize);
              if (key == "packet_delay_ns") v.integer(value, full, 0, 100000000, out.packetDelayNs);
              if (key == "buffers") v.integer(value, full, 2, 1024, out.buffers);
              if (key == "frame_timeout_s") {
                double timeout = 0;
                v.number(value, full, 0, 3600, timeout, true);
                out.frameTimeoutS = timeout;
              }
              if (key == "features") v.text(value, full, out.features);
            });
  const int chosen = !out.camera.empty() + !out.serial.empty() + !out.address.empty();
  if (chosen != 1) {
    v.fail(node, path + ".camera",
           fmt::format("expected exactly one of camera (an Aravis device id), serial or address, got {}", chosen));
  }
}

void readSource(Validator& v, const YAML::Node& node, const std::string& path, SourceConfig& out) {
  static const std::map<std::string_view, SourceConfig::Kind> kinds{
      {"frames", SourceConfig::Kind::Frames}, {"video", SourceConfig::Kind::Video}, {"gige", SourceConfig::Kind::Gige}};
  bool gige = false;
  v.forEach(node, path,
            {"kind", "frames", "speed", "loop", "device", "width", "height", "fps", "exposure", "reopen_initial_s",
             "reopen_max_s", "gige"},
            [&](const std::string& key, const YAML::Node& value, const std::string& full) {
              if (key == "kind") v.choice(value, full, kinds, out.kind);
              if (key == "frames") v.text(value, full, out.frames);
              if (key == "speed") {
                std::string s;
                if (!v.text(value, full, s)) return;
                if (auto speed = ReplaySpeed::parse(s)) {
                  out.speed = *speed;
                } else {
                  v.fail(value, full, fmt::format("{}, got \"{}\"", ReplaySpeed::kExpected, s));
                }
              }
              if (key == "loop") v.boolean(value, full, out.loop);
              if (key == "device") v.text(value, full, out.device);
              if (key == "width") v.integer(value, full, 0, 16384, out.width);
              if (key == "height") v.integer(value, full, 0, 16384, out.height);
              if (key == "fps") v.number(value, full, 0, 1000, out.fps);
              if (key == "exposure") v.number(value, full, 0, 1e7, out.exposure);
              if (key == "reopen_initial_s") v.number(value, full, 0, 3600, out.reopenInitialS, true);
              if (key == "reopen_max_s") v.number(value, full, 0, 3600, out.reopenMaxS, true);
              if (key == "gige") {
                gige = true;
                readGige(v, value, full, out.gige);
              }
            });
  if (out.kind == SourceConfig::Kind::Video && out.device.empty()) {
    v.fail(node, path + ".device", "a video source needs a device (index, path, file or URL)");
  }
  if (out.kind == SourceConfig::Kind::Gige && !gige) {
    v.fail(node, path + ".gige", "a gige source needs its camera (gige.camera, gige.serial or gige.address)");
  }
  if (out.kind == SourceConfig::Kind::Gige && out.gige.trigger == GigeConfig::Trigger::Software && out.fps <= 0) {
    v.fail(node, path + ".fps", "a software-triggered camera needs the rate the station triggers it at (fps)");
  }
  if (out.reopenMaxS < out.reopenInitialS) {
    v.fail(node, path + ".reopen_max_s", "expected at least reopen_initial_s");
  }
}

void readLine(Validator& v, const YAML::Node& node, const std::string& path, LineConfig& out) {
  static const std::map<std::string_view, std::string> directions{{"+x", "+x"}, {"-x", "-x"}, {"+y", "+y"}, {"-y", "-y"}};
  v.forEach(node, path, {"belt_speed_mm_s", "px_per_mm", "direction", "diverter_distance_mm"},
            [&](const std::string& key, const YAML::Node& value, const std::string& full) {
              double d = 0;
              if (key == "belt_speed_mm_s") {
                d = -1;
                v.number(value, full, 0, 20000, d, true);
                if (d > 0) out.beltSpeedMmS = d;
              }
              if (key == "px_per_mm") {
                d = -1;
                v.number(value, full, 0, 1000, d, true);
                if (d > 0) out.pxPerMm = d;
              }
              if (key == "direction") {
                std::string dir;
                v.choice(value, full, directions, dir);
                if (!dir.empty()) out.direction = dir;
              }
              if (key == "diverter_distance_mm") v.number(value, full, 0, 100000, out.diverterDistanceMm);
            });
}

void readDetection(Validator& v, const YAML::Node& node, const std::string& path, DetectionConfig& out) {
  static const std::map<std::string_view, DetectionConfig::Method> methods{
      {"belt-model", DetectionConfig::Method::BeltModel}};
  v.forEach(node, path, {"method", "cell_px", "contrast", "min_carton_mm", "learn_frames"},
            [&](const std::string& key, const YAML::Node& value, const std::string& full) {
              if (key == "method") v.choice(value, full, methods, out.method);
              if (key == "cell_px") v.integer(value, full, 4, 128, out.cellPx);
              if (key == "contrast") v.number(value, full, 1, 255, out.contrast);
              if (key == "min_carton_mm") v.number(value, full, 1, 10000, out.minCartonMm);
              if (key == "learn_frames") v.integer(value, full, 1, 1000, out.learnFrames);
            });
}

void readRules(Validator& v, const YAML::Node& node, const std::string& path, RulesConfig& out) {
  v.forEach(node, path,
            {"required_ais", "expected_gtins", "min_days_to_expiry", "sufficient_symbologies",
             "duplicate_sscc_window_s"},
            [&](const std::string& key, const YAML::Node& value, const std::string& full) {
              if (key == "required_ais") v.textList(value, full, out.requiredAis, checkAi);
              if (key == "expected_gtins") v.textList(value, full, out.expectedGtins, checkGtin);
              if (key == "min_days_to_expiry") {
                int days = -1;
                v.integer(value, full, 0, 36500, days);
                if (days >= 0) out.minDaysToExpiry = days;
              }
              if (key == "sufficient_symbologies") v.textList(value, full, out.sufficientSymbologies, checkSymbology);
              if (key == "duplicate_sscc_window_s") v.number(value, full, 0, 1e8, out.duplicateSsccWindowS);
            });
}

// What a kind of actuator needs, and keys that belong to another kind.
void checkActuator(Validator& v, const YAML::Node& node, const std::string& path, const ActuatorConfig& a) {
  const bool modbus = a.kind == ActuatorConfig::Kind::Modbus;
  for (const char* key : {"address", "unit_id", "coil", "register", "register_value", "pulse_ms", "timeout_ms"}) {
    if (!modbus && node[key]) v.fail(node[key], path + "." + key, "only a modbus actuator takes this key");
  }
  if (modbus && node["path"]) v.fail(node["path"], path + ".path", "only a log actuator takes this key");
  if (!modbus) return;
  if (a.address.empty()) v.fail(node, path + ".address", "a modbus actuator needs the PLC's address, HOST or HOST:PORT");
  if (static_cast<bool>(node["coil"]) == static_cast<bool>(node["register"]))
    v.fail(node, path, "a modbus actuator drives exactly one output: give \"coil\" or \"register\", not both or neither");
  if (node["register_value"] && a.holdingRegister < 0)
    v.fail(node["register_value"], path + ".register_value", "goes with \"register\", not with \"coil\"");
}

void readActuators(Validator& v, const YAML::Node& node, const std::string& path, std::vector<ActuatorConfig>& out) {
  static const std::map<std::string_view, ActuatorConfig::Kind> kinds{{"log", ActuatorConfig::Kind::Log},
                                                                      {"modbus", ActuatorConfig::Kind::Modbus}};
  v.namedList<ActuatorConfig>(node, path, "actuator", out, [&](const YAML::Node& item, const std::string& itemPath,
                                                               ActuatorConfig& a) {
    v.forEach(item, itemPath,
              {"kind", "name", "path", "address", "unit_id", "coil", "register", "register_value", "pulse_ms",
               "timeout_ms"},
              [&](const std::string& key, const YAML::Node& value, const std::string& full) {
                if (key == "kind") v.choice(value, full, kinds, a.kind);
                if (key == "name") v.text(value, full, a.name);
                if (key == "path") v.text(value, full, a.path);
                if (key == "address") v.text(value, full, a.address);
                if (key == "unit_id") v.integer(value, full, 0, 247, a.unitId);
                if (key == "coil") v.integer(value, full, 0, 65535, a.coil);
                if (key == "register") v.integer(value, full, 0, 65535, a.holdingRegister);
                if (key == "register_value") v.integer(value, full, 1, 65535, a.registerValue);
                if (key == "pulse_ms") v.number(value, full, 1, 10000, a.pulseMs);
                if (key == "timeout_ms") v.number(value, full, 1, 10000, a.timeoutMs);
              });
    if (item.IsMap()) checkActuator(v, item, itemPath, a);
  });
}

void readSinks(Validator& v, const YAML::Node& node, const std::string& path, std::vector<SinkConfig>& out) {
  static const std::map<std::string_view, SinkConfig::Kind> kinds{{"webhook", SinkConfig::Kind::Webhook}};
  v.namedList<SinkConfig>(node, path, "sink", out, [&](const YAML::Node& item, const std::string& itemPath, SinkConfig& s) {
    v.forEach(item, itemPath, {"kind", "name", "url", "queue", "timeout_ms", "retry_initial_s", "retry_max_s"},
              [&](const std::string& key, const YAML::Node& value, const std::string& full) {
                if (key == "kind") v.choice(value, full, kinds, s.kind);
                if (key == "name") v.text(value, full, s.name);
                if (key == "url") v.text(value, full, s.url);
                if (key == "queue") v.integer(value, full, 1, 10'000'000, s.queue);
                if (key == "timeout_ms") v.number(value, full, 1, 600000, s.timeoutMs);
                if (key == "retry_initial_s") v.number(value, full, 0.001, 3600, s.retryInitialS);
                if (key == "retry_max_s") v.number(value, full, 0.001, 86400, s.retryMaxS);
              });
    if (!item.IsMap()) return;
    if (s.name.empty()) v.fail(item, itemPath + ".name", "a sink needs a name (for its log lines and metrics)");
    if (!s.url.starts_with("http://") && !s.url.starts_with("https://"))
      v.fail(item["url"] ? item["url"] : item, itemPath + ".url",
             fmt::format("expected an http:// or https:// URL, got \"{}\"", s.url));
    if (s.retryMaxS < s.retryInitialS) v.fail(item, itemPath + ".retry_max_s", "must be at least retry_initial_s");
  });
}

void readPlugins(Validator& v, const YAML::Node& node, const std::string& path, PluginsConfig& out) {
  v.forEach(node, path, {"directory", "settings"}, [&](const std::string& key, const YAML::Node& value, const std::string& full) {
    if (key == "directory" && v.text(value, full, out.directory)) {
      std::error_code ec;
      if (!std::filesystem::is_directory(out.directory, ec))
        v.fail(value, full, fmt::format("expected a directory of plugins, got \"{}\", which {}", out.directory,
                                        std::filesystem::exists(out.directory, ec) ? "is not a directory" : "does not exist"));
    }
    if (key == "settings") {
      if (!value.IsMap()) {
        v.fail(value, full, fmt::format("expected a map of plugin names to their settings, got {}", Validator::kindOf(value)));
        return;
      }
      for (const auto& entry : value) {
        const std::string name = entry.first.IsScalar() ? entry.first.Scalar() : std::string("?");
        std::string text;
        if (v.text(entry.second, full + "." + name, text)) out.settings[name] = text;
      }
    }
  });
}

void readStation(Validator& v, const YAML::Node& root, StationConfig& out) {
  v.forEach(root, "",
            {"source", "line", "detection", "symbologies", "rules", "max_in_flight", "reader_budget_ms", "actuators",
             "sinks", "plugins", "metrics", "journal"},
            [&](const std::string& key, const YAML::Node& value, const std::string& full) {
              if (key == "source") readSource(v, value, full, out.source);
              if (key == "line") readLine(v, value, full, out.line);
              if (key == "detection") readDetection(v, value, full, out.detection);
              if (key == "symbologies") v.textList(value, full, out.symbologies, checkSymbology);
              if (key == "rules") readRules(v, value, full, out.rules);
              if (key == "max_in_flight") v.integer(value, full, 0, 256, out.maxInFlight);
              if (key == "reader_budget_ms") v.number(value, full, 0, 10000, out.readerBudgetMs, true);
              if (key == "actuators") readActuators(v, value, full, out.actuators);
              if (key == "sinks") readSinks(v, value, full, out.sinks);
              if (key == "plugins") readPlugins(v, value, full, out.plugins);
              if (key == "metrics") {
                v.forEach(value, full, {"address"}, [&](const std::string&, const YAML::Node& a, const std::string& f) {
                  if (!v.text(a, f, out.metrics.address)) return;
                  const auto colon = out.metrics.address.rfind(':');
                  if (out.metrics.address != "off" && (colon == std::string::npos || colon == 0 ||
                                                       colon + 1 == out.metrics.address.size())) {
                    v.fail(a, f, fmt::format("expected HOST:PORT or off, got \"{}\"", out.metrics.address));
                  }
                });
              }
              if (key == "journal") {
                v.forEach(value, full, {"path"}, [&](const std::string&, const YAML::Node& p, const std::string& f) {
                  if (v.text(p, f, out.journal.path) && out.journal.path.empty()) v.fail(p, f, "expected a file path");
                });
              }
            });
}

}  // namespace

LoadResult parseConfig(std::string_view yaml, const std::string& file) {
  LoadResult result;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    result.errors.push_back({file, e.mark.is_null() ? 0 : e.mark.line + 1, "", "not valid YAML: " + e.msg});
    return result;
  }
  StationConfig config;
  config.file = file;
  if (root.IsNull()) {  // an empty file: every default
    result.config = config;
    return result;
  }
  Validator v(file, result.errors);
  readStation(v, root, config);
  if (result.errors.empty()) result.config = std::move(config);
  return result;
}

LoadResult loadConfig(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    LoadResult result;
    result.errors.push_back({path.string(), 0, "", "cannot be opened"});
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parseConfig(text.str(), path.string());
}

}  // namespace gs1inspect::config

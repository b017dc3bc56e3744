#include "frameset/frame_set_json.hpp"

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

namespace gs1inspect::frameset {

namespace {

using Json = nlohmann::ordered_json;

template <std::size_t N>
bool oneOf(const std::string& value, const char* const (&list)[N]) {
  return std::any_of(std::begin(list), std::end(list), [&](const char* item) { return value == item; });
}

template <std::size_t N>
std::string listOf(const char* const (&list)[N]) {
  std::string out;
  for (const char* item : list) out += (out.empty() ? "" : ", ") + std::string(item);
  return out;
}

// Reads typed fields of one object; the first problem is kept.
class Fields {
 public:
  Fields(const Json& j, std::string& error) : j_(j), error_(error) {
    if (!j_.is_object()) fail("", "expected a JSON object");
  }
  bool ok() const { return error_.empty(); }

  bool has(const char* key) const { return j_.is_object() && j_.contains(key) && !j_.at(key).is_null(); }

  std::string string(const char* key, bool required, const std::string& fallback = {}) {
    if (!ok()) return fallback;
    if (!has(key)) {
      if (required) fail(key, "is missing");
      return fallback;
    }
    if (!j_.at(key).is_string()) return fail(key, "must be a string"), fallback;
    return j_.at(key).get<std::string>();
  }

  double number(const char* key, bool required, double fallback) {
    if (!ok()) return fallback;
    if (!has(key)) {
      if (required) fail(key, "is missing");
      return fallback;
    }
    if (!j_.at(key).is_number()) return fail(key, "must be a number"), fallback;
    return j_.at(key).get<double>();
  }

  std::optional<double> optionalNumber(const char* key) {
    if (!ok() || !has(key)) return std::nullopt;
    if (!j_.at(key).is_number()) return fail(key, "must be a number"), std::nullopt;
    return j_.at(key).get<double>();
  }

  bool boolean(const char* key, bool fallback) {
    if (!ok() || !has(key)) return fallback;
    if (!j_.at(key).is_boolean()) return fail(key, "must be true or false"), fallback;
    return j_.at(key).get<bool>();
  }

  std::vector<std::string> strings(const char* key) {
    std::vector<std::string> out;
    if (!ok() || !has(key)) return out;
    if (!j_.at(key).is_array()) return fail(key, "must be an array of strings"), out;
    for (const auto& item : j_.at(key)) {
      if (!item.is_string()) return fail(key, "must be an array of strings"), out;
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  void fail(std::string_view key, std::string_view message) {
    if (error_.empty()) error_ = key.empty() ? std::string(message) : fmt::format("\"{}\" {}", key, message);
  }

  // Keys other than `known`, kept as they are.
  Json extra(std::initializer_list<std::string_view> known) const {
    Json out = Json::object();
    if (!j_.is_object()) return out;
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      if (std::find(known.begin(), known.end(), it.key()) == known.end()) out[it.key()] = it.value();
    }
    return out;
  }

 private:
  const Json& j_;
  std::string& error_;
};

std::optional<TruthSymbol> symbolFromJson(const Json& j, std::string& error) {
  Fields f(j, error);
  TruthSymbol s;
  s.symbology = f.string("symbology", true);
  s.hri = f.string("hri", true);
  s.damage = f.strings("damage");
  s.fullyVisible = f.boolean("fully_visible", true);
  s.carton = f.string("carton", false);
  if (f.ok() && !oneOf(s.symbology, kSymbologies)) {
    f.fail("symbology", fmt::format("'{}' is not one of {}", s.symbology, listOf(kSymbologies)));
  }
  for (const auto& tag : s.damage) {
    if (f.ok() && !oneOf(tag, kDamageTags)) {
      f.fail("damage", fmt::format("'{}' is not one of {}", tag, listOf(kDamageTags)));
    }
  }
  s.detail = f.extra({"symbology", "hri", "damage", "fully_visible", "carton"});
  if (!f.ok()) return std::nullopt;
  return s;
}

}  // namespace

namespace detail {

std::optional<FrameSetInfo> infoFromJson(const Json& j, std::string& error) {
  Fields f(j, error);
  FrameSetInfo info;
  info.version = static_cast<int>(f.number("version", true, 1));
  info.fps = f.number("fps", true, 30.0);
  info.beltSpeedMmS = f.number("belt_speed_mm_s", false, 0.0);
  info.pxPerMm = f.number("px_per_mm", false, 0.0);
  info.direction = f.string("direction", false, "+x");
  info.source = f.string("source", false);
  info.extra = f.extra({"version", "fps", "belt_speed_mm_s", "px_per_mm", "direction", "source"});
  if (f.ok() && info.version != 1) f.fail("version", fmt::format("is {}; this program reads version 1", info.version));
  if (f.ok() && !(info.fps > 0)) f.fail("fps", "must be greater than 0");
  if (f.ok() && info.beltSpeedMmS < 0) f.fail("belt_speed_mm_s", "must not be negative");
  if (f.ok() && info.pxPerMm < 0) f.fail("px_per_mm", "must not be negative");
  if (f.ok() && info.direction != "+x" && info.direction != "-x" && info.direction != "+y" &&
      info.direction != "-y") {
    f.fail("direction", fmt::format("'{}' is not one of +x, -x, +y, -y", info.direction));
  }
  if (!f.ok()) return std::nullopt;
  return info;
}

std::optional<TruthFrame> truthFromJson(const Json& j, std::string& error) {
  Fields f(j, error);
  TruthFrame t;
  t.frame = f.string("frame", true);
  t.tMs = f.optionalNumber("t_ms");
  t.carton = f.string("carton", false);
  t.inView = f.strings("in_view");
  if (f.ok() && !f.has("symbols")) f.fail("symbols", "is missing");
  if (f.ok() && !j.at("symbols").is_array()) f.fail("symbols", "must be an array");
  if (!f.ok()) return std::nullopt;
  const auto& symbols = j.at("symbols");
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    std::string symbolError;
    auto symbol = symbolFromJson(symbols[i], symbolError);
    if (!symbol) {
      error = fmt::format("symbols[{}]: {}", i, symbolError);
      return std::nullopt;
    }
    t.symbols.push_back(std::move(*symbol));
  }
  return t;
}

std::optional<CartonExpectation> cartonFromJson(const Json& j, std::string& error) {
  Fields f(j, error);
  CartonExpectation c;
  c.carton = f.string("carton", true);
  c.expect = f.string("expect", true);
  c.reason = f.string("reason", false);
  if (f.ok() && c.expect != "pass" && c.expect != "divert") {
    f.fail("expect", fmt::format("'{}' is not pass or divert", c.expect));
  }
  if (f.ok() && c.expect == "divert" && !oneOf(c.reason, kDivertReasons)) {
    f.fail("reason", fmt::format("'{}' is not one of {}", c.reason, listOf(kDivertReasons)));
  }
  if (f.ok() && c.expect == "pass" && !c.reason.empty()) f.fail("reason", "is only given with \"divert\"");
  if (!f.ok()) return std::nullopt;
  return c;
}

std::optional<ResultFrame> resultFromJson(const Json& j, std::string& error) {
  Fields f(j, error);
  ResultFrame r;
  r.frame = f.string("frame", true);
  r.tMs = f.optionalNumber("t_ms");
  r.capturedAt = f.string("captured_at", false);
  r.carton = f.string("carton", false);
  r.verdict = f.string("verdict", false);
  r.reason = f.string("reason", false);
  if (f.ok() && f.has("symbols")) {
    if (!j.at("symbols").is_array()) f.fail("symbols", "must be an array");
    else r.symbols = j.at("symbols");
  }
  if (f.ok() && !r.verdict.empty() && r.verdict != "pass" && r.verdict != "divert") {
    f.fail("verdict", fmt::format("'{}' is not pass or divert", r.verdict));
  }
  if (!f.ok()) return std::nullopt;
  return r;
}

}  // namespace detail

nlohmann::ordered_json toJson(const FrameSetInfo& info) {
  Json j{{"version", info.version},         {"fps", info.fps},
         {"belt_speed_mm_s", info.beltSpeedMmS}, {"px_per_mm", info.pxPerMm},
         {"direction", info.direction},     {"source", info.source}};
  for (auto it = info.extra.begin(); it != info.extra.end(); ++it) j[it.key()] = it.value();
  return j;
}

nlohmann::ordered_json toJson(const TruthFrame& t) {
  Json j;
  j["frame"] = t.frame;
  if (t.tMs) j["t_ms"] = *t.tMs;
  if (!t.carton.empty()) j["carton"] = t.carton;
  if (!t.inView.empty()) j["in_view"] = t.inView;
  Json symbols = Json::array();
  for (const auto& s : t.symbols) {
    Json sj{{"symbology", s.symbology}, {"hri", s.hri}, {"damage", s.damage}, {"fully_visible", s.fullyVisible}};
    if (!s.carton.empty()) sj["carton"] = s.carton;
    for (auto it = s.detail.begin(); it != s.detail.end(); ++it) sj[it.key()] = it.value();
    symbols.push_back(std::move(sj));
  }
  j["symbols"] = std::move(symbols);
  return j;
}

nlohmann::ordered_json toJson(const CartonExpectation& c) {
  Json j{{"carton", c.carton}, {"expect", c.expect}};
  if (!c.reason.empty()) j["reason"] = c.reason;
  return j;
}

nlohmann::ordered_json toJson(const ResultFrame& r) {
  Json j;
  j["frame"] = r.frame;
  if (r.tMs) j["t_ms"] = *r.tMs;
  if (!r.capturedAt.empty()) j["captured_at"] = r.capturedAt;
  j["symbols"] = r.symbols;
  if (!r.carton.empty()) j["carton"] = r.carton;
  if (!r.verdict.empty()) j["verdict"] = r.verdict;
  if (!r.reason.empty()) j["reason"] = r.reason;
  return j;
}

}  // namespace gs1inspect::frameset

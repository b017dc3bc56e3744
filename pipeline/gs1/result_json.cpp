#include "result_json.hpp"

#include "output_forms.hpp"

namespace gs1inspect::gs1 {

namespace {

nlohmann::ordered_json orNull(const std::optional<std::string>& s) { return s ? nlohmann::ordered_json(*s) : nlohmann::ordered_json(); }

nlohmann::ordered_json elementJson(const Element& e) {
  nlohmann::ordered_json j{{"ai", e.ai}, {"title", e.entry != nullptr ? e.entry->title : std::string()}, {"value", e.value}};
  const TypedValue& t = e.typed;
  if (!t.date.empty()) j["date"] = t.date;
  if (!t.dateEnd.empty()) j["date_end"] = t.dateEnd;
  if (!t.time.empty()) j["time"] = t.time;
  if (!t.decimal.empty()) j["decimal"] = t.decimal;
  if (!t.unit.empty()) j["unit"] = t.unit;
  if (!t.currency.empty()) j["currency"] = t.currency;
  if (t.countries.size() == 1) j["country"] = t.countries.front();
  if (t.countries.size() > 1) j["countries"] = t.countries;
  return j;
}

}  // namespace

nlohmann::ordered_json toJson(const LintError& error) {
  return {{"code", lintCodeName(error.code)},
          {"ai", error.ai.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(error.ai)},
          {"offset", error.offset},
          {"length", error.length},
          {"message", error.message}};
}

nlohmann::ordered_json toJson(const ParseResult& result) {
  nlohmann::ordered_json elements = nlohmann::ordered_json::array();
  for (const auto& e : result.elements) elements.push_back(elementJson(e));
  nlohmann::ordered_json errors = nlohmann::ordered_json::array();
  for (const auto& e : result.errors) errors.push_back(toJson(e));
  nlohmann::ordered_json j;
  j["form"] = inputFormName(result.form);
  j["valid"] = result.valid();
  j["hri"] = orNull(toBracketed(result));
  j["raw"] = orNull(toRaw(result));
  j["digital_link"] = orNull(toDigitalLink(result));
  j["elements"] = std::move(elements);
  j["errors"] = std::move(errors);
  return j;
}

}  // namespace gs1inspect::gs1

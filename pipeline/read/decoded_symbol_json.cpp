#include "read/decoded_symbol_json.hpp"

#include <cmath>

#include "gs1/result_json.hpp"

namespace gs1inspect::read {

nlohmann::ordered_json toJson(const DecodedSymbol& s) {
  nlohmann::ordered_json errors = nlohmann::ordered_json::array();
  if (s.gs1) {
    for (const auto& e : s.parsed.errors) errors.push_back(gs1::toJson(e));
  }
  nlohmann::ordered_json quad = nlohmann::ordered_json::array();
  for (const auto& p : s.quad) quad.push_back({std::round(p.x * 10) / 10, std::round(p.y * 10) / 10});
  return {{"symbology", s.symbology},
          {"hri", s.hri},
          {"raw", s.raw},
          {"valid", s.valid()},
          {"errors", errors},
          {"quad", quad},
          {"module_px", std::round(s.modulePx * 100) / 100},
          {"partial", s.partial},
          {"strategy", s.strategy}};
}

}  // namespace gs1inspect::read

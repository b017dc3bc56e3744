#include "association_rules.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace gs1inspect::gs1 {

namespace {

bool present(const std::vector<Element>& elements, std::string_view pattern) {
  return std::any_of(elements.begin(), elements.end(),
                     [&](const Element& e) { return aiMatchesPattern(e.ai, pattern); });
}

bool ruleHolds(const std::vector<Element>& elements, const RequisiteRule& rule) {
  return std::any_of(rule.begin(), rule.end(), [&](const std::vector<std::string>& group) {
    return std::all_of(group.begin(), group.end(), [&](const std::string& p) { return present(elements, p); });
  });
}

std::string describe(const RequisiteRule& rule) {
  std::string out;
  for (const auto& group : rule) {
    if (!out.empty()) out += " or ";
    for (std::size_t i = 0; i < group.size(); ++i) {
      if (i > 0) out += '+';
      out += fmt::format("({})", group[i]);
    }
  }
  return out;
}

}  // namespace

void checkAssociations(ParseResult& result) {
  const auto& elements = result.elements;
  std::vector<std::pair<std::string_view, std::string_view>> pairsReported;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const Element& element = elements[i];
    if (element.entry == nullptr) continue;
    const auto earlier = std::find_if(elements.begin(), elements.begin() + static_cast<std::ptrdiff_t>(i),
                                      [&](const Element& e) { return e.ai == element.ai; });
    if (earlier != elements.begin() + static_cast<std::ptrdiff_t>(i)) {
      // A repeat: the rules were checked at its first occurrence.
      if (earlier->value != element.value) {
        result.errors.push_back({LintCode::ConflictingRepeat, element.ai, element.aiOffset, element.aiLength,
                                 fmt::format("({}) appears again with a different value", element.ai)});
      }
      continue;
    }
    for (const RequisiteRule& rule : element.entry->requisites) {
      if (!ruleHolds(elements, rule)) {
        result.errors.push_back({LintCode::MissingRequisite, element.ai, element.aiOffset, element.aiLength,
                                 fmt::format("({}) requires {}", element.ai, describe(rule))});
      }
    }
    for (const std::string& pattern : element.entry->exclusions) {
      for (std::size_t j = 0; j < elements.size(); ++j) {
        const Element& other = elements[j];
        if (other.ai == element.ai || !aiMatchesPattern(other.ai, pattern)) continue;
        const auto first = std::find_if(elements.begin(), elements.end(), [&](const Element& e) { return e.ai == other.ai; });
        if (first != elements.begin() + static_cast<std::ptrdiff_t>(j)) continue;  // repeats reported once
        if (std::find(pairsReported.begin(), pairsReported.end(), std::pair<std::string_view, std::string_view>(
                                                                      other.ai, element.ai)) != pairsReported.end()) {
          continue;  // both AIs exclude each other: one error is enough
        }
        pairsReported.emplace_back(element.ai, other.ai);
        result.errors.push_back({LintCode::InvalidPair, other.ai, other.aiOffset, other.aiLength,
                                 fmt::format("({}) must not appear with ({})", other.ai, element.ai)});
      }
    }
  }
}

}  // namespace gs1inspect::gs1

#include "decide/judge.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include <fmt/format.h>

#include "gs1/association_rules.hpp"
#include "gs1/lint.hpp"

namespace gs1inspect::decide {

std::string_view reasonName(Reason reason) {
  switch (reason) {
    case Reason::Unexpected:
      return "unexpected";
    case Reason::NoRead:
      return "no-read";
    case Reason::InvalidData:
      return "invalid-data";
    case Reason::DuplicateSscc:
      return "duplicate-sscc";
    case Reason::Mismatch:
      return "mismatch";
    case Reason::LowGrade:
      return "low-grade";
  }
  return "unexpected";
}

namespace {

bool isRetail(const std::string& symbology) { return symbology == "ean13" || symbology == "upca" || symbology == "ean8"; }

// The AIs and values a symbol carries; a retail symbol carries its GTIN as (01).
std::vector<std::pair<std::string, std::string>> elementsOf(const read::DecodedSymbol& s) {
  std::vector<std::pair<std::string, std::string>> out;
  if (s.gs1) {
    for (const auto& e : s.parsed.elements) out.emplace_back(e.ai, e.value);
  } else if (isRetail(s.symbology) && s.hri.size() <= 14) {
    out.emplace_back("01", std::string(14 - s.hri.size(), '0') + s.hri);
  }
  return out;
}

std::string isoOf(std::chrono::sys_days d) {
  const std::chrono::year_month_day ymd(d);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

// The last day a (17) date allows: day 00 is the month's last day.
std::optional<std::chrono::sys_days> expiryOf(const read::DecodedSymbol& s) {
  for (const auto& e : s.parsed.elements) {
    if (e.ai != "17" || e.typed.date.size() < 7) continue;
    const int y = std::stoi(e.typed.date.substr(0, 4));
    const unsigned m = static_cast<unsigned>(std::stoi(e.typed.date.substr(5, 2)));
    using namespace std::chrono;
    if (e.typed.date.size() == 7) return sys_days(year(y) / month(m) / last);
    return sys_days(year(y) / month(m) / day(static_cast<unsigned>(std::stoi(e.typed.date.substr(8, 2)))));
  }
  return std::nullopt;
}

}  // namespace

Judge::Judge(config::RulesConfig rules, std::vector<std::string> symbologies)
    : rules_(std::move(rules)), symbologies_(std::move(symbologies)) {}

bool Judge::judged(const std::string& symbology) const {
  return symbologies_.empty() || std::find(symbologies_.begin(), symbologies_.end(), symbology) != symbologies_.end();
}

Verdict Judge::judge(const track::CartonTrack& carton, const gs1::CivilDate& captureDate, double nowS) {
  std::vector<const read::DecodedSymbol*> symbols;
  for (const auto& s : carton.symbols) {
    if (judged(s.symbol.symbology)) symbols.push_back(&s.symbol);
  }
  // Every SSCC of the carton is remembered, whatever its verdict: the
  // label was on the line.
  std::set<std::string> ssccs;
  for (const auto* s : symbols) {
    if (!s->valid()) continue;
    for (const auto& [ai, value] : elementsOf(*s)) {
      if (ai == "00") ssccs.insert(value);
    }
  }
  std::vector<std::string> duplicates;
  for (const auto& sscc : ssccs) {
    const auto it = ssccs_.find(sscc);
    if (it != ssccs_.end() && it->second.carton != carton.id && nowS - it->second.atS <= rules_.duplicateSsccWindowS) {
      duplicates.push_back(fmt::format("SSCC {} was on carton {} {:.1f} s before", sscc, it->second.carton,
                                       nowS - it->second.atS));
    }
    ssccs_[sscc] = {carton.id, nowS};
  }

  Verdict v;
  if (!carton.failures.empty()) {
    v.reason = Reason::Unexpected;
    v.why = carton.failures;
    return v;
  }
  // Whatever was read of it, a carton the camera lost sight of was not
  // seen whole.
  if (!carton.blind.empty()) {
    v.reason = Reason::NoRead;
    v.why.push_back(fmt::format("camera lost while in view: {}", carton.blind));
    return v;
  }
  if (symbols.empty()) {
    v.reason = Reason::NoRead;
    v.why.push_back(carton.symbols.empty() ? "no symbol read" : "no symbol of a judged symbology read");
    return v;
  }
  // Fail-safe: a carton that showed more symbols at once than were ever
  // read kept one unread, unless the symbologies that suffice were read.
  if (static_cast<int>(carton.symbols.size()) < carton.shownMost) {
    const bool sufficient =
        !rules_.sufficientSymbologies.empty() &&
        std::all_of(rules_.sufficientSymbologies.begin(), rules_.sufficientSymbologies.end(), [&](const std::string& name) {
          return std::any_of(symbols.begin(), symbols.end(), [&](const auto* s) { return s->symbology == name; });
        });
    if (!sufficient) {
      v.reason = Reason::NoRead;
      std::string where;
      for (const auto& r : carton.unread) where += fmt::format(" ({},{} {}x{})", r.x, r.y, r.width, r.height);
      v.why.push_back(fmt::format("{} of {} symbols read", carton.symbols.size(), carton.shownMost));
      if (!where.empty()) v.why.push_back(fmt::format("unread in {}:{}", carton.unreadFrame, where));
      return v;
    }
  }
  // A requisite may stand in another symbol of the same carton (a logistic
  // label's (02) and (37) in one symbol, its (00) in another): requisites
  // are checked again over every element the carton carries.
  gs1::ParseResult carried;
  for (const auto* s : symbols) {
    if (s->gs1) carried.elements.insert(carried.elements.end(), s->parsed.elements.begin(), s->parsed.elements.end());
  }
  gs1::checkAssociations(carried);
  const auto stillMissing = [&](const gs1::LintError& e) {
    return std::any_of(carried.errors.begin(), carried.errors.end(), [&](const gs1::LintError& c) {
      return c.code == gs1::LintCode::MissingRequisite && c.ai == e.ai;
    });
  };
  for (const auto* s : symbols) {
    if (s->valid()) continue;
    std::size_t found = 0;
    for (const auto& e : s->parsed.errors) {
      if (e.code == gs1::LintCode::MissingRequisite && !stillMissing(e)) continue;
      v.why.push_back(fmt::format("{} {}: {}: {}", s->symbology, s->hri, gs1::lintCodeName(e.code), e.message));
      ++found;
    }
    if (!s->parsed.complete && s->parsed.errors.empty()) {
      v.why.push_back(fmt::format("{} {}: incomplete", s->symbology, s->hri));
      ++found;
    }
    if (s->parsed.elements.empty() && s->parsed.errors.empty()) {
      v.why.push_back(fmt::format("{} {}: no element string", s->symbology, s->hri));
      ++found;
    }
    if (found > 0) v.reason = Reason::InvalidData;
  }
  if (v.reason) return v;
  if (!duplicates.empty()) {
    v.reason = Reason::DuplicateSscc;
    v.why = duplicates;
    return v;
  }
  // The line's rules.
  std::set<std::string> ais;
  for (const auto* s : symbols) {
    for (const auto& [ai, value] : elementsOf(*s)) {
      ais.insert(ai);
      if (ai == "01" && !rules_.expectedGtins.empty() &&
          std::find(rules_.expectedGtins.begin(), rules_.expectedGtins.end(), value) == rules_.expectedGtins.end()) {
        v.why.push_back(fmt::format("GTIN {} is not one the line expects", value));
      }
    }
    if (rules_.minDaysToExpiry && s->gs1) {
      if (const auto expiry = expiryOf(*s)) {
        using namespace std::chrono;
        const sys_days captured = year(captureDate.year) / month(static_cast<unsigned>(captureDate.month)) /
                                  day(static_cast<unsigned>(captureDate.day));
        const sys_days earliest = captured + days(*rules_.minDaysToExpiry);
        if (*expiry < earliest) {
          v.why.push_back(fmt::format("expiry {} is before {} ({} days after capture on {})",
                                      isoOf(*expiry), isoOf(earliest), *rules_.minDaysToExpiry,
                                      captureDate.iso()));
        }
      }
    }
  }
  for (const auto& ai : rules_.requiredAis) {
    if (!ais.contains(ai)) v.why.push_back(fmt::format("AI ({}) is required and no symbol carries it", ai));
  }
  if (!v.why.empty()) v.reason = Reason::Mismatch;
  return v;
}

}  // namespace gs1inspect::decide

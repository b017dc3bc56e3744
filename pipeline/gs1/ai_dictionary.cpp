#include "ai_dictionary.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

namespace gs1inspect::gs1 {

extern const std::string_view kAiDictionaryText;  // generated from ai_dictionary.txt

namespace {

struct CheckName {
  Check check;
  std::string_view name;
};

constexpr CheckName kCheckNames[] = {
    {Check::CheckDigit, "cd"},          {Check::CheckPairAlnum, "cd-alnum"},
    {Check::CompanyPrefix1, "gcp1"},    {Check::CompanyPrefix2, "gcp2"},
    {Check::Date6, "date6"},            {Check::Date6Day00, "date6-00"},
    {Check::Date8, "date8"},            {Check::HourMinute, "hhmm"},
    {Check::Hour, "hh"},                {Check::Minute, "mm"},
    {Check::Second, "ss"},              {Check::Country, "country"},
    {Check::Country999, "country-999"}, {Check::CountryAlpha2, "country-a2"},
    {Check::Currency, "currency"},      {Check::PercentEncoded, "pct"},
    {Check::YesNo, "yesno"},            {Check::Hyphen, "hyphen"},
    {Check::Latitude, "lat"},           {Check::Longitude, "lon"},
    {Check::NonZero, "nonzero"},        {Check::Zero, "zero"},
    {Check::Winding, "winding"},        {Check::PieceOfTotal, "piece-of-total"},
    {Check::Iban, "iban"},              {Check::ImporterIndex, "importer"},
    {Check::PackageType, "package"},    {Check::MediaType, "media"},
    {Check::BiologicalSex, "sex"},      {Check::SequenceSlash, "seq-slash"},
    {Check::NoZeroPrefix, "no-zero-prefix"}, {Check::HasNonDigit, "has-non-digit"},
    {Check::Coupon, "coupon"},          {Check::CouponPos, "coupon-pos"},
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == separator) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  for (auto part : split(s, ' ')) {
    part = trim(part);
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

bool allDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isAiPattern(std::string_view s) {
  if (s.size() < 2 || s.size() > 4) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == 'n'; });
}

std::optional<int> toInt(std::string_view s) {
  int value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return value;
}

// "n14+cd+gcp2", "[x..17]" -> Component, or an error message.
std::optional<Component> parseComponent(std::string_view text, std::string& error) {
  Component component;
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    component.optional = true;
    text = text.substr(1, text.size() - 2);
  }
  auto parts = split(text, '+');
  std::string_view type = parts.front();
  if (type.empty()) {
    error = "empty component";
    return std::nullopt;
  }
  switch (type.front()) {
    case 'n': component.charset = CharSet::Numeric; break;
    case 'x': component.charset = CharSet::Cset82; break;
    case 'y': component.charset = CharSet::Cset39; break;
    case 'z': component.charset = CharSet::Cset64; break;
    default: error = "unknown component type '" + std::string(type) + "'"; return std::nullopt;
  }
  std::string_view length = type.substr(1);
  bool variable = length.starts_with("..");
  if (variable) length.remove_prefix(2);
  auto n = toInt(length);
  if (!n || *n < 1 || *n > 99) {
    error = "bad component length in '" + std::string(type) + "'";
    return std::nullopt;
  }
  component.maxLength = static_cast<std::uint8_t>(*n);
  component.minLength = variable ? std::uint8_t{1} : component.maxLength;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    auto it = std::find_if(std::begin(kCheckNames), std::end(kCheckNames),
                           [&](const CheckName& c) { return c.name == parts[i]; });
    if (it == std::end(kCheckNames)) {
      error = "unknown check '" + std::string(parts[i]) + "'";
      return std::nullopt;
    }
    component.checks.push_back(it->check);
  }
  return component;
}

struct LineParser {
  int lineNumber;
  std::vector<DictionaryError>& errors;

  bool fail(std::string message) {
    errors.push_back({lineNumber, std::move(message)});
    return false;
  }

  bool parseFlags(std::string_view column, AiEntry& entry) {
    for (auto word : words(column)) {
      if (word == "-") continue;
      if (word == "fixed") entry.predefinedLength = true;
      else if (word == "dl") entry.digitalLinkAttribute = true;
      else if (word == "dec") entry.impliedDecimal = true;
      else if (word.starts_with("unit=") && word.size() > 5) entry.unit = std::string(word.substr(5));
      else return fail("unknown flag '" + std::string(word) + "'");
    }
    return true;
  }

  bool parseData(std::string_view column, AiEntry& entry) {
    for (auto word : words(column)) {
      std::string error;
      auto component = parseComponent(word, error);
      if (!component) return fail(error);
      entry.components.push_back(std::move(*component));
    }
    if (entry.components.empty()) return fail("no data components");
    for (std::size_t i = 0; i + 1 < entry.components.size(); ++i) {
      if (!entry.components[i].fixedLength()) return fail("only the last component may vary in length");
      if (entry.components[i].optional && !entry.components[i + 1].optional) {
        return fail("a mandatory component follows an optional one");
      }
    }
    return true;
  }

  bool parseAiList(std::string_view list, std::vector<std::string>& out) {
    for (auto ai : split(list, ',')) {
      if (!isAiPattern(ai)) return fail("bad AI pattern '" + std::string(ai) + "'");
      out.emplace_back(ai);
    }
    return true;
  }

  bool parseRules(std::string_view column, AiEntry& entry) {
    for (auto word : words(column)) {
      if (word == "-") continue;
      if (word.starts_with("req=")) {
        RequisiteRule rule;
        for (auto alternative : split(word.substr(4), ',')) {
          std::vector<std::string> group;
          for (auto ai : split(alternative, '+')) {
            if (!isAiPattern(ai)) return fail("bad AI pattern '" + std::string(ai) + "' in req");
            group.emplace_back(ai);
          }
          rule.push_back(std::move(group));
        }
        entry.requisites.push_back(std::move(rule));
      } else if (word.starts_with("ex=")) {
        if (!parseAiList(word.substr(3), entry.exclusions)) return false;
      } else if (word == "key") {
        entry.primaryKey = true;
      } else if (word.starts_with("key=")) {
        entry.primaryKey = true;
        for (auto sequence : split(word.substr(4), ';')) {
          std::vector<std::string> qualifiers;
          if (!parseAiList(sequence, qualifiers)) return false;
          entry.qualifierSequences.push_back(std::move(qualifiers));
        }
      } else {
        return fail("unknown rule '" + std::string(word) + "'");
      }
    }
    return true;
  }
};

}  // namespace

std::string_view checkName(Check check) {
  for (const auto& c : kCheckNames) {
    if (c.check == check) return c.name;
  }
  return "?";
}

void AiEntry::computeLengths() {
  minLength_ = 0;
  maxLength_ = 0;
  for (const auto& c : components) {
    if (!c.optional) minLength_ += c.minLength;
    maxLength_ += c.maxLength;
  }
}

bool aiMatchesPattern(std::string_view ai, std::string_view pattern) {
  if (ai.size() != pattern.size()) return false;
  for (std::size_t i = 0; i < ai.size(); ++i) {
    if (pattern[i] != 'n' && pattern[i] != ai[i]) return false;
  }
  return true;
}

AiDictionary::AiDictionary(std::string_view text) {
  int lineNumber = 0;
  for (auto line : split(text, '\n')) {
    ++lineNumber;
    line = trim(line);
    if (line.starts_with("# follows:")) follows_ = std::string(trim(line.substr(10)));
    if (line.empty() || line.front() == '#') continue;
    LineParser parser{lineNumber, errors_};
    auto columns = split(line, '|');
    if (columns.size() != 5) {
      parser.fail("expected 5 columns separated by '|', found " + std::to_string(columns.size()));
      continue;
    }
    for (auto& column : columns) column = trim(column);

    AiEntry entry;
    entry.sourceLine = lineNumber;
    entry.title = std::string(columns[4]);
    if (!parser.parseFlags(columns[1], entry) || !parser.parseData(columns[2], entry) ||
        !parser.parseRules(columns[3], entry)) {
      continue;
    }
    entry.computeLengths();
    // "3100-3105" or "00"
    auto range = split(columns[0], '-');
    std::string_view first = range.front();
    std::string_view last = range.size() == 2 ? range[1] : first;
    if (range.size() > 2 || !allDigits(first) || !allDigits(last) || first.size() != last.size() ||
        first.size() < 2 || first.size() > 4 || last < first) {
      parser.fail("bad AI or AI range '" + std::string(columns[0]) + "'");
      continue;
    }
    int from = *toInt(first);
    int to = *toInt(last);
    for (int ai = from; ai <= to; ++ai) {
      AiEntry expanded = entry;
      expanded.ai = std::to_string(ai);
      expanded.ai.insert(0, first.size() - expanded.ai.size(), '0');
      entries_.push_back(std::move(expanded));
    }
  }
  index();
}

void AiDictionary::index() {
  byAi_.assign(11100, -1);
  std::vector<AiEntry> kept;
  for (auto& entry : entries_) {
    if (findPrefix(entry.ai) != nullptr || std::any_of(kept.begin(), kept.end(), [&](const AiEntry& other) {
          return other.ai.starts_with(entry.ai);
        })) {
      errors_.push_back({entry.sourceLine, "AI " + entry.ai + " clashes with another AI (AIs must be prefix-free)"});
      continue;
    }
    int value = *toInt(entry.ai);
    int base = entry.ai.size() == 2 ? 0 : entry.ai.size() == 3 ? 100 : 1100;
    kept.push_back(std::move(entry));
    byAi_[static_cast<std::size_t>(base + value)] = static_cast<std::int16_t>(kept.size() - 1);
  }
  entries_ = std::move(kept);
}

const AiEntry* AiDictionary::find(std::string_view ai) const {
  if (ai.size() < 2 || ai.size() > 4 || !allDigits(ai)) return nullptr;
  int value = 0;
  for (char c : ai) value = value * 10 + (c - '0');
  int base = ai.size() == 2 ? 0 : ai.size() == 3 ? 100 : 1100;
  auto index = byAi_[static_cast<std::size_t>(base + value)];
  return index < 0 ? nullptr : &entries_[static_cast<std::size_t>(index)];
}

const AiEntry* AiDictionary::findPrefix(std::string_view data) const {
  for (std::size_t length = 2; length <= 4 && length <= data.size(); ++length) {
    if (const AiEntry* entry = find(data.substr(0, length))) return entry;
  }
  return nullptr;
}

const AiDictionary& AiDictionary::builtin() {
  static const AiDictionary dictionary(kAiDictionaryText);
  return dictionary;
}

}  // namespace gs1inspect::gs1

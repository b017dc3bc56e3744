// GS1 Digital Link URIs: scheme://domain/[any/prefix/]KEY/value[/QUAL/value...][?AI=value&...][#...]
#include <algorithm>

#include <fmt/format.h>

#include "syntax.hpp"

namespace gs1inspect::gs1 {

namespace {

struct Segment {
  std::size_t offset;
  std::string_view text;
};

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool allDigits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), isDigit); }

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// A GTIN-8, -12 or -13 given as a query parameter (?01=...) stands for the
// GTIN-14 with leading zeros. In the path the 14 digits are required.
void padShortGtin(Element& element) {
  const std::size_t n = element.value.size();
  if (element.ai != "01" || (n != 8 && n != 12 && n != 13) || !allDigits(element.value)) return;
  const std::size_t pad = 14 - n;
  if (element.valueMap.empty()) {
    for (std::size_t i = 0; i <= n; ++i) element.valueMap.push_back(static_cast<std::uint32_t>(element.valueOffset + i));
  }
  element.valueMap.insert(element.valueMap.begin(), pad, element.valueMap.front());
  element.value.insert(0, pad, '0');
}

// RFC 3986: unreserved and reserved characters, and "%" of an escape.
bool isUriCharacter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || isDigit(c) ||
         std::string_view("-._~:/?#[]@!$&'()*+,;=%").find(c) != std::string_view::npos;
}

bool startsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const char c = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] - 'A' + 'a') : s[i];
    if (c != prefix[i]) return false;
  }
  return true;
}

// Percent-decodes `text` (at input offset `offset`) into the element's value.
// A "%" not followed by two hex digits stays as it is; "+" is a space in a
// query value only.
void decodeInto(std::string_view text, std::size_t offset, bool query, Element& element) {
  element.valueOffset = offset;
  element.valueLength = text.size();
  const bool plain = text.find_first_of(query ? "%+" : "%") == std::string_view::npos;
  if (plain) {
    element.value = std::string(text);
    return;
  }
  for (std::size_t i = 0; i < text.size();) {
    element.valueMap.push_back(static_cast<std::uint32_t>(offset + i));
    if (text[i] == '%' && i + 2 < text.size() && hexValue(text[i + 1]) >= 0 && hexValue(text[i + 2]) >= 0) {
      element.value.push_back(static_cast<char>(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2])));
      i += 3;
    } else {
      element.value.push_back(query && text[i] == '+' ? ' ' : text[i]);
      ++i;
    }
  }
  element.valueMap.push_back(static_cast<std::uint32_t>(offset + text.size()));
}

std::vector<Segment> splitAt(std::string_view text, std::size_t offset, char separator) {
  std::vector<Segment> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      parts.push_back({offset + start, text.substr(start, i - start)});
      start = i + 1;
    }
  }
  return parts;
}

void syntaxError(ParseResult& result, std::size_t offset, std::size_t length, std::string message, std::string ai = {}) {
  result.errors.push_back({LintCode::BadSyntax, std::move(ai), offset, length, std::move(message)});
}

// True when the qualifiers (in order) are an ordered subset of one of the
// key's qualifier sequences.
bool qualifiersInOrder(const AiEntry& key, const std::vector<std::string_view>& qualifiers) {
  if (qualifiers.empty()) return true;
  for (const auto& sequence : key.qualifierSequences) {
    std::size_t next = 0;
    bool ok = true;
    for (auto q : qualifiers) {
      while (next < sequence.size() && sequence[next] != q) ++next;
      if (next == sequence.size()) {
        ok = false;
        break;
      }
      ++next;
    }
    if (ok) return true;
  }
  return false;
}

bool isQualifierOf(const AiEntry& key, std::string_view ai) {
  for (const auto& sequence : key.qualifierSequences) {
    if (std::find(sequence.begin(), sequence.end(), ai) != sequence.end()) return true;
  }
  return false;
}

}  // namespace

void splitDigitalLink(std::string_view input, const AiDictionary& dictionary, ParseResult& result) {
  result.form = InputForm::DigitalLink;
  std::size_t start = 0;
  if (input.starts_with("]")) {
    // A Digital Link in a plain QR Code or Data Matrix, read with its
    // symbology identifier (ISO/IEC 15424).
    const auto id = input.substr(0, 3);
    if (id == "]Q1" || id == "]d1") {
      result.symbologyId = std::string(id);
    } else {
      result.errors.push_back({LintCode::BadSymbologyId, {}, 0, id.size(),
                               fmt::format("'{}' is not the symbology identifier of a Digital Link (]Q1, ]d1)", id)});
    }
    start = id.size();
  }
  const auto uri = input.substr(start);
  std::size_t pos = start + (startsWithNoCase(uri, "https://") ? 8 : startsWithNoCase(uri, "http://") ? 7 : 0);
  if (pos == start) {
    syntaxError(result, start, std::min<std::size_t>(uri.size(), 8), "a Digital Link starts with http:// or https://");
    result.complete = false;
    return;
  }
  for (std::size_t i = start; i < input.size(); ++i) {
    if (!isUriCharacter(input[i])) {
      syntaxError(result, i, 1, "a URI cannot hold this character unencoded (RFC 3986)");
      result.complete = false;
      return;
    }
    if (input[i] == '%' && (i + 2 >= input.size() || hexValue(input[i + 1]) < 0 || hexValue(input[i + 2]) < 0)) {
      syntaxError(result, i, std::min<std::size_t>(3, input.size() - i), "'%' must be followed by two hex digits");
      result.complete = false;
      return;
    }
  }
  const std::size_t fragment = std::min(input.find('#', start), input.size());
  const std::size_t queryStart = std::min(input.find('?', start), fragment);
  const std::size_t pathStart = std::min(input.find('/', pos), queryStart);
  if (pathStart == pos) {
    syntaxError(result, pos, std::min<std::size_t>(1, input.size() - pos), "the URI has no domain");
    result.complete = false;
    return;
  }
  for (std::size_t i = pos; i < pathStart; ++i) {
    if (std::string_view("_~?#@!$&'()*+,;=%").find(input[i]) != std::string_view::npos) {
      syntaxError(result, i, 1, "a domain name cannot hold this character");
      result.complete = false;
      return;
    }
  }
  const auto path = input.substr(pathStart, queryStart - pathStart);
  auto segments = path.empty() ? std::vector<Segment>{} : splitAt(path.substr(1), pathStart + 1, '/');

  // The primary key: walking /AI/value pairs from the right, the first AI
  // that is a primary key. Everything to its left is the domain's own path.
  std::size_t keyIndex = segments.size();
  for (std::size_t end = segments.size(); end >= 2; end -= 2) {
    const auto& ai = segments[end - 2];
    const AiEntry* entry = allDigits(ai.text) ? dictionary.find(ai.text) : nullptr;
    if (entry == nullptr) break;
    if (entry->primaryKey) {
      keyIndex = end - 2;
      break;
    }
  }
  if (keyIndex == segments.size()) {
    syntaxError(result, pathStart, path.size(), "no GS1 primary key (/01/..., /00/..., ...) at the end of the path");
    result.complete = false;
    return;
  }
  const AiEntry* key = dictionary.find(segments[keyIndex].text);
  result.elements.reserve(8);
  std::vector<std::string_view> qualifiers;
  for (std::size_t i = keyIndex; i + 1 < segments.size(); i += 2) {
    Element element;
    element.ai = std::string(segments[i].text);
    element.entry = dictionary.find(element.ai);
    element.aiOffset = segments[i].offset;
    element.aiLength = segments[i].text.size();
    decodeInto(segments[i + 1].text, segments[i + 1].offset, false, element);
    if (i > keyIndex) qualifiers.push_back(segments[i].text);
    if (i > keyIndex && !qualifiersInOrder(*key, qualifiers)) {
      syntaxError(result, element.aiOffset, element.aiLength,
                  fmt::format("({}) is not a key qualifier of ({}) in this place", element.ai, key->ai), element.ai);
      qualifiers.pop_back();
    }
    result.elements.push_back(std::move(element));
  }

  if (queryStart >= fragment) return;
  for (const auto& parameter : splitAt(input.substr(queryStart + 1, fragment - queryStart - 1), queryStart + 1, '&')) {
    const std::size_t equals = parameter.text.find('=');
    if (equals == std::string_view::npos) continue;
    const auto name = parameter.text.substr(0, equals);
    if (!allDigits(name)) continue;  // not an AI: other query parameters are left alone
    Element element;
    element.ai = std::string(name);
    element.aiOffset = parameter.offset;
    element.aiLength = name.size();
    element.entry = lookupAi(name, parameter.offset, dictionary, result);
    decodeInto(parameter.text.substr(equals + 1), parameter.offset + equals + 1, true, element);
    padShortGtin(element);
    if (element.entry != nullptr) {
      if (!element.entry->digitalLinkAttribute && !isQualifierOf(*key, element.ai)) {
        syntaxError(result, element.aiOffset, element.aiLength,
                    fmt::format("({}) is not allowed as a Digital Link data attribute", element.ai), element.ai);
      } else if (isQualifierOf(*key, element.ai)) {
        syntaxError(result, element.aiOffset, element.aiLength,
                    fmt::format("({}) qualifies ({}) and belongs in the path", element.ai, key->ai), element.ai);
      }
    }
    // The same AI twice: with another value it is a conflicting repeat
    // (reported with the association rules); with the same value it is
    // still not a well-formed Digital Link.
    for (const Element& other : result.elements) {
      if (other.ai == element.ai && other.value == element.value) {
        syntaxError(result, element.aiOffset, element.aiLength,
                    fmt::format("({}) appears twice in the URI", element.ai), element.ai);
        break;
      }
    }
    result.elements.push_back(std::move(element));
  }
}

}  // namespace gs1inspect::gs1

#include "output_forms.hpp"

#include <algorithm>

namespace gs1inspect::gs1 {

namespace {

bool formable(const ParseResult& result) { return result.complete && !result.elements.empty(); }

// A value that another form can carry and read back: a known AI (not a
// stand-in such as 3106 read as 310n), a length its AI allows, no GS.
bool readable(const Element& e) {
  return e.entry != nullptr && e.ai == e.entry->ai && e.value.size() >= e.entry->minLength() &&
         e.value.size() <= e.entry->maxLength() && !e.value.empty() && e.value.find('\x1d') == std::string::npos;
}

void appendPercentEncoded(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
}

const Element* findAi(const ParseResult& result, std::string_view ai) {
  for (const auto& e : result.elements) {
    if (e.ai == ai) return &e;
  }
  return nullptr;
}

}  // namespace

std::optional<std::string> toBracketed(const ParseResult& result) {
  if (!formable(result)) return std::nullopt;
  std::string out;
  out.reserve(64);
  for (const auto& e : result.elements) {
    out += '(';
    out += e.ai;
    out += ')';
    for (char c : e.value) {
      if (c == '(') out += '\\';
      out += c;
    }
  }
  return out;
}

std::optional<std::string> toRaw(const ParseResult& result) {
  if (!formable(result)) return std::nullopt;
  std::string out;
  out.reserve(64);
  for (std::size_t i = 0; i < result.elements.size(); ++i) {
    const auto& e = result.elements[i];
    if (!readable(e)) return std::nullopt;
    out += e.ai;
    out += e.value;
    if (!e.entry->predefinedLength && i + 1 < result.elements.size()) out += '\x1d';
  }
  return out;
}

std::optional<std::string> toDigitalLink(const ParseResult& result, std::string_view stem) {
  if (!formable(result) || !std::all_of(result.elements.begin(), result.elements.end(), readable)) return std::nullopt;
  const auto key = std::find_if(result.elements.begin(), result.elements.end(),
                                [](const Element& e) { return e.entry != nullptr && e.entry->primaryKey; });
  if (key == result.elements.end()) return std::nullopt;

  // The qualifier sequence that takes the most of the qualifiers present.
  const std::vector<std::string>* best = nullptr;
  std::size_t bestCount = 0;
  for (const auto& sequence : key->entry->qualifierSequences) {
    const auto count = static_cast<std::size_t>(std::count_if(
        sequence.begin(), sequence.end(), [&](const std::string& q) { return findAi(result, q) != nullptr; }));
    if (best == nullptr || count > bestCount) {
      best = &sequence;
      bestCount = count;
    }
  }

  std::string out(stem);
  while (!out.empty() && out.back() == '/') out.pop_back();
  std::vector<const Element*> inPath{&*key};
  out += '/';
  out += key->ai;
  out += '/';
  appendPercentEncoded(out, key->value);
  if (best != nullptr) {
    for (const auto& q : *best) {
      if (const Element* e = findAi(result, q)) {
        out += '/';
        out += q;
        out += '/';
        appendPercentEncoded(out, e->value);
        inPath.push_back(e);
      }
    }
  }

  std::vector<const Element*> attributes;
  for (const auto& e : result.elements) {
    if (std::find_if(inPath.begin(), inPath.end(), [&](const Element* p) { return p->ai == e.ai; }) != inPath.end()) {
      continue;
    }
    if (e.entry == nullptr || !e.entry->digitalLinkAttribute) return std::nullopt;
    if (std::find_if(attributes.begin(), attributes.end(), [&](const Element* a) { return a->ai == e.ai; }) ==
        attributes.end()) {
      attributes.push_back(&e);
    }
  }
  std::stable_sort(attributes.begin(), attributes.end(), [](const Element* a, const Element* b) { return a->ai < b->ai; });
  char separator = '?';
  for (const Element* e : attributes) {
    out += separator;
    out += e->ai;
    out += '=';
    appendPercentEncoded(out, e->value);
    separator = '&';
  }
  return out;
}

}  // namespace gs1inspect::gs1

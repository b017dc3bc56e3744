#include "gs1/input_escapes.hpp"

#include <algorithm>

namespace gs1inspect::gs1 {

namespace {

bool isGsEscape(std::string_view s, std::size_t at) {
  if (at + 4 > s.size() || s[at] != '\\') return false;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return lower(s[at + 1]) == 'x' && s[at + 2] == '1' && lower(s[at + 3]) == 'd';
}

}  // namespace

std::pair<std::size_t, std::size_t> UnescapedInput::typedSpan(std::size_t offset, std::size_t length) const {
  const std::size_t last = typedOffset.size() - 1;
  const std::size_t begin = typedOffset[std::min(offset, last)];
  const std::size_t end = typedOffset[std::min(offset + length, last)];
  return {begin, end - begin};
}

UnescapedInput unescapeGroupSeparators(std::string_view typed) {
  UnescapedInput out;
  out.bytes.reserve(typed.size());
  out.typedOffset.reserve(typed.size() + 1);
  for (std::size_t i = 0; i < typed.size();) {
    out.typedOffset.push_back(i);
    if (isGsEscape(typed, i)) {
      out.bytes += '\x1d';
      i += 4;
    } else {
      out.bytes += typed[i];
      ++i;
    }
  }
  out.typedOffset.push_back(typed.size());
  return out;
}

std::string escapeGroupSeparators(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + 8);
  for (char c : bytes) {
    if (c == '\x1d') out += "\\x1D";
    else out += c;
  }
  return out;
}

}  // namespace gs1inspect::gs1

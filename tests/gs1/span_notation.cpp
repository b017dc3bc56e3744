#include "gs1/span_notation.hpp"

namespace gs1inspect::gs1::testing {

std::string markSpan(std::string_view input, std::size_t offset, std::size_t length) {
  std::string out(input.substr(0, offset));
  out += '|';
  out += input.substr(offset, length);
  out += '|';
  out += input.substr(std::min(input.size(), offset + length));
  return out;
}

ParseOptions fixedOptions() {
  ParseOptions options;
  options.today = CivilDate{2026, 11, 25};
  return options;
}

std::string codes(const ParseResult& result) {
  std::string out;
  for (const auto& error : result.errors) {
    if (!out.empty()) out += ',';
    out += lintCodeName(error.code);
  }
  return out;
}

}  // namespace gs1inspect::gs1::testing

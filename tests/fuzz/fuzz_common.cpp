#include "fuzz_common.hpp"

#include <cstdio>
#include <cstdlib>

#include "gs1/output_forms.hpp"
#include "gs1/parser.hpp"
#include "gs1/result_json.hpp"

namespace gs1inspect::gs1::fuzz {

namespace {

[[noreturn]] void fail(const char* what, std::string_view input) {
  std::fprintf(stderr, "invariant broken: %s\ninput: %.*s\n", what, static_cast<int>(input.size()), input.data());
  std::abort();
}

ParseOptions fixedOptions() {
  ParseOptions options;
  options.today = CivilDate{2026, 11, 25};
  return options;
}

}  // namespace

void checkParse(std::string_view input) {
  static const ParseOptions options = fixedOptions();
  const ParseResult result = parse(input, options);
  if (!result.valid() && result.errors.empty() && result.complete && !result.elements.empty()) {
    fail("invalid without an error", input);
  }
  for (const auto& error : result.errors) {
    if (error.offset > input.size() || error.length > input.size() - error.offset) fail("span outside input", input);
  }
  // Written forms must read back to the same elements.
  if (result.valid()) {
    for (const auto& written : {toBracketed(result), toRaw(result), toDigitalLink(result)}) {
      if (!written) continue;
      const ParseResult again = parse(*written, options);
      if (!again.valid()) fail("a written form of valid data is invalid", *written);
      if (again.elements.size() != result.elements.size() && written->front() != 'h') {
        fail("a written form lost elements", *written);
      }
    }
  }
  const auto json = toJson(result).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (json.empty()) fail("empty JSON", input);
}

}  // namespace gs1inspect::gs1::fuzz

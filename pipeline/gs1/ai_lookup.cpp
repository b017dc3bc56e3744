#include <fmt/format.h>

#include "syntax.hpp"

namespace gs1inspect::gs1 {

const AiEntry* lookupAi(std::string_view ai, std::size_t offset, const AiDictionary& dictionary,
                        ParseResult& result) {
  if (const AiEntry* entry = dictionary.find(ai)) return entry;
  // 3106 is no AI, but it is plainly a net weight whose decimal point
  // indicator is out of range: say so, and read it with its family's format.
  if (ai.size() == 4) {
    for (char d = '0'; d <= '9'; ++d) {
      const std::string sibling{ai[0], ai[1], ai[2], d};
      const AiEntry* family = dictionary.find(sibling);
      if (family != nullptr && family->impliedDecimal) {
        const char highest = family->ai.back();
        char top = highest;
        for (char e = highest; e <= '9'; ++e) {
          if (dictionary.find(std::string{ai[0], ai[1], ai[2], e}) != nullptr) top = e;
        }
        result.errors.push_back({LintCode::BadDecimal, std::string(ai), offset + 3, 1,
                                 fmt::format("AI ({}): decimal point indicator {} is beyond the {}-{} this measure allows",
                                             ai, ai[3], family->ai.back(), top)});
        return family;
      }
    }
  }
  result.errors.push_back(
      {LintCode::UnknownAi, std::string(ai), offset, ai.size(), fmt::format("({}) is not a GS1 Application Identifier", ai)});
  return nullptr;
}

}  // namespace gs1inspect::gs1

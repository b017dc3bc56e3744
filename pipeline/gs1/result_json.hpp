#pragma once
// The JSON form of a parse result, as `gs1-inspect parse --json` prints it
// and as later stages embed it (README: "parse --json output").

#include <nlohmann/json.hpp>

#include "parse_result.hpp"

namespace gs1inspect::gs1 {

/// {"form", "valid", "hri", "raw", "digital_link", "elements", "errors"};
/// the caller adds "input". Strings that cannot be formed are null.
nlohmann::ordered_json toJson(const ParseResult& result);

/// One error: {"code", "ai" (null when none), "offset", "length", "message"}.
nlohmann::ordered_json toJson(const LintError& error);

}  // namespace gs1inspect::gs1

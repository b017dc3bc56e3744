#pragma once
// The JSON form of a decoded symbol, as `gs1-inspect read --json`, the
// bench's --per-frame file and the archive report it.

#include <nlohmann/json.hpp>

#include "read/decoded_symbol.hpp"

namespace gs1inspect::read {

/// {"symbology", "hri", "raw", "valid", "errors", "quad", "module_px",
///  "partial", "strategy"}.
nlohmann::ordered_json toJson(const DecodedSymbol& symbol);

}  // namespace gs1inspect::read

#pragma once
// The entry point of the GS1 data layer: parse and lint GS1 data in any of
// its three written forms.
//
// parse() never throws and gives every byte sequence a verdict. It is a pure
// function of its arguments: safe to call from many threads at once.

#include <string_view>

#include "ai_dictionary.hpp"
#include "civil_date.hpp"
#include "parse_result.hpp"

namespace gs1inspect::gs1 {

struct ParseOptions {
  /// Reference date for the century of two-digit years (GS1 sliding window).
  /// Default: today (UTC) when the options are made.
  CivilDate today = CivilDate::today();
  /// The dictionary to parse against. Default: the built-in one.
  const AiDictionary* dictionary = &AiDictionary::builtin();
};

/// The form `input` is written in: a leading "(" is bracketed, a leading
/// "http://" or "https://" (any case) a Digital Link, anything else raw.
InputForm detectForm(std::string_view input);

/// Parses and lints `input`.
ParseResult parse(std::string_view input, const ParseOptions& options = {});

}  // namespace gs1inspect::gs1

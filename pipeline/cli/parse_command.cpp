#include "parse_command.hpp"

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "gs1/input_escapes.hpp"
#include "cli/version.hpp"
#include "gs1/output_forms.hpp"
#include "gs1/parser.hpp"
#include "gs1/result_json.hpp"

namespace gs1inspect::cli {

namespace {

struct ParseSettings {
  bool json = false;
  std::string today;
  std::vector<std::string> data;
};

// Error spans in the text as the user typed it ("\x1D" counts four).
gs1::ParseResult toTypedOffsets(gs1::ParseResult result, const gs1::UnescapedInput& input) {
  for (auto& error : result.errors) {
    std::tie(error.offset, error.length) = input.typedSpan(error.offset, error.length);
  }
  return result;
}

void printJson(const std::string& typed, const gs1::ParseResult& result) {
  nlohmann::ordered_json line;
  line["input"] = typed;
  const nlohmann::ordered_json body = gs1::toJson(result);
  for (auto it = body.begin(); it != body.end(); ++it) line[it.key()] = it.value();
  // Input is whatever the user gave: bad UTF-8 must not stop the output.
  std::cout << line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

void printText(const std::string& typed, const gs1::ParseResult& result) {
  std::cout << typed << "\n  " << (result.valid() ? "valid" : "INVALID") << ", "
            << gs1::inputFormName(result.form) << (result.symbologyId.empty() ? "" : " " + result.symbologyId) << '\n';
  for (const auto& e : result.elements) {
    std::string meaning;
    const auto& t = e.typed;
    for (const std::string* part : {&t.date, &t.time, &t.decimal, &t.unit, &t.currency}) {
      if (!part->empty()) meaning += (meaning.empty() ? "" : " ") + *part;
    }
    for (const auto& country : t.countries) meaning += (meaning.empty() ? "" : " ") + country;
    std::cout << fmt::format("  ({}) {:<26} {}{}\n", e.ai, e.entry != nullptr ? e.entry->title : "?",
                             gs1::escapeGroupSeparators(e.value), meaning.empty() ? "" : "  = " + meaning);
  }
  for (const auto& error : result.errors) {
    std::cout << fmt::format("  {} {}at {}+{}: {}\n", gs1::lintCodeName(error.code),
                             error.ai.empty() ? "" : "(" + error.ai + ") ", error.offset, error.length, error.message);
    std::cout << "    " << typed << "\n    " << std::string(error.offset, ' ')
              << std::string(std::max<std::size_t>(1, error.length), '^') << '\n';
  }
  if (auto hri = gs1::toBracketed(result)) std::cout << "  bracketed:    " << *hri << '\n';
  if (auto raw = gs1::toRaw(result)) std::cout << "  raw:          " << gs1::escapeGroupSeparators(*raw) << '\n';
  if (auto link = gs1::toDigitalLink(result)) std::cout << "  digital link: " << *link << '\n';
}

int run(const ParseSettings& settings) {
  gs1::ParseOptions options;
  if (!settings.today.empty()) {
    auto today = gs1::CivilDate::parse(settings.today);
    if (!today) {
      std::cerr << "gs1-inspect parse: --today: '" << settings.today << "' is not a date of the form YYYY-MM-DD\n";
      return 2;
    }
    options.today = *today;
  }
  bool allValid = true;
  auto handle = [&](const std::string& typed) {
    const auto input = gs1::unescapeGroupSeparators(typed);
    const auto result = toTypedOffsets(gs1::parse(input.bytes, options), input);
    allValid = allValid && result.valid();
    if (settings.json) printJson(typed, result);
    else printText(typed, result);
  };
  if (!settings.data.empty()) {
    for (const auto& data : settings.data) handle(data);
  } else {
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) handle(line);
    }
    if (std::cin.bad()) {
      std::cerr << "gs1-inspect parse: error reading standard input\n";
      return 2;
    }
  }
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "gs1-inspect parse: error writing standard output\n";
    return 2;
  }
  return allValid ? 0 : 1;
}

}  // namespace

void addParseCommand(CLI::App& app, int& exitCode) {
  auto settings = std::make_shared<ParseSettings>();
  CLI::App* command = app.add_subcommand(
      "parse",
      "Parse and lint GS1 data: bracketed element strings, raw data (GS as the byte 0x1D or the four characters "
      "\\x1D, optional symbology identifier) or GS1 Digital Link URIs. Reads one input per line from stdin when no "
      "DATA is given. Exit status: 0 all valid, 1 some invalid, 2 usage or I/O error.");
  command->set_version_flag("--version", std::string(kVersion));
  command->add_flag("--json", settings->json, "One JSON object per input and line");
  command->add_option("--today", settings->today,
                      "Reference date YYYY-MM-DD for the century of two-digit years (default: today, UTC)");
  command->add_option("DATA", settings->data, "GS1 data to parse; stdin lines when none");
  command->callback([settings, &exitCode] { exitCode = run(*settings); });
}

}  // namespace gs1inspect::cli

// gs1-inspect: the command line. It only parses arguments and hands over to
// the sub-commands, each in its own file.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/bench_command.hpp"
#include "cli/cameras_command.hpp"
#include "cli/make_frames_command.hpp"
#include "cli/parse_command.hpp"
#include "cli/read_command.hpp"
#include "cli/run_command.hpp"
#include "cli/version.hpp"

int main(int argc, char** argv) {
  // The log goes to standard error: standard output carries results (JSON).
  spdlog::set_default_logger(spdlog::stderr_color_mt("gs1-inspect"));
  CLI::App app{"gs1-inspect: find, decode and validate GS1 symbols on conveyor lines", "gs1-inspect"};
  app.set_version_flag("--version", std::string(gs1inspect::cli::kVersion));
  app.require_subcommand(1);
  int exitCode = 0;
  gs1inspect::cli::addRunCommand(app, exitCode);
  gs1inspect::cli::addCheckConfigCommand(app, exitCode);
  gs1inspect::cli::addParseCommand(app, exitCode);
  gs1inspect::cli::addReadCommand(app, exitCode);
  gs1inspect::cli::addMakeFramesCommand(app, exitCode);
  gs1inspect::cli::addBenchCommand(app, exitCode);
  gs1inspect::cli::addScoreCommand(app, exitCode);
  gs1inspect::cli::addCamerasCommand(app, exitCode);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    // --help and --version are successes; every other usage error is 2.
    return code == 0 ? 0 : 2;
  }
  return exitCode;
}

#pragma once
// Runs the built gs1-inspect as a script would: arguments, stdin, exit code
// and standard output.

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace gs1inspect::cli::testing {

struct Run {
  int exitCode = -1;
  std::string out;
};

inline Run run(const std::string& arguments, const std::string& stdinText = "") {
  // ctest runs tests in parallel processes: one input file per process and call.
  static int calls = 0;
  const std::string inputFile =
      ::testing::TempDir() + "/cli_stdin_" + std::to_string(getpid()) + "_" + std::to_string(++calls) + ".txt";
  std::ofstream(inputFile) << stdinText;
  const std::string command = std::string(GS1I_EXECUTABLE) + " " + arguments + " < " + inputFile + " 2>/dev/null";
  Run result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::remove(inputFile.c_str());
  return result;
}

inline std::vector<nlohmann::json> jsonLines(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
  return out;
}

}  // namespace gs1inspect::cli::testing

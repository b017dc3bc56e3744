// Fuzz target for bracketed element strings: the input always starts with "(".
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string input("(");
  input.append(reinterpret_cast<const char*>(data), size);
  if (input.size() > 1 && input[1] == '(') input.erase(0, 1);  // seeds start with "(" already
  gs1inspect::gs1::fuzz::checkParse(input);
  return 0;
}

// Fuzz target for Digital Link URIs: the input always starts with "https://".
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string input("https://");
  input.append(reinterpret_cast<const char*>(data), size);
  if (input.compare(8, 8, "https://") == 0) input.erase(0, 8);  // seeds are whole URIs
  gs1inspect::gs1::fuzz::checkParse(input);
  return 0;
}

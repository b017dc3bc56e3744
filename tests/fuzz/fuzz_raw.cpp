// Fuzz target for raw data as decoders give it; an input that would read as bracketed or as a URI gets
// a "]C1" prefix so that the raw parser sees it.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string input("");
  input.append(reinterpret_cast<const char*>(data), size);
  if (!input.empty() && (input.front() == '(' || input.front() == 'h' || input.front() == 'H')) input.insert(0, "]C1");
  gs1inspect::gs1::fuzz::checkParse(input);
  return 0;
}

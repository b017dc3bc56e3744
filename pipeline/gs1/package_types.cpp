#include "package_types.hpp"

#include <algorithm>
#include <vector>

namespace gs1inspect::gs1 {

extern const std::string_view kPackageTypesText;  // generated from package_types.txt

namespace {

std::vector<std::string_view> readCodes() {
  std::vector<std::string_view> codes;
  std::string_view text = kPackageTypesText;
  while (!text.empty()) {
    const auto end = std::min(text.find('\n'), text.size());
    auto line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (!line.empty() && line.front() != '#') codes.push_back(line);
  }
  std::sort(codes.begin(), codes.end());
  return codes;
}

}  // namespace

bool isPackageType(std::string_view code) {
  static const std::vector<std::string_view> codes = readCodes();
  return std::binary_search(codes.begin(), codes.end(), code);
}

}  // namespace gs1inspect::gs1

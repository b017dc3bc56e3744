#pragma once
// The package type codes of AI (7041): the GS1 PackageTypeCode code list
// (UN/ECE Recommendation 21 plus GS1's additions), kept as data in
// package_types.txt and compiled into the program.

#include <string_view>

namespace gs1inspect::gs1 {

/// True when `code` is in the list. Thread-safe; the list is read once.
bool isPackageType(std::string_view code);

}  // namespace gs1inspect::gs1

#pragma once
// Command-line and stdin input cannot easily carry the GS byte (0x1D), so
// the four characters "\x1D" (any case) stand for it there.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gs1inspect::gs1 {

/// Text with every "\x1D" (any case) replaced by the GS byte, and for each
/// byte of it (plus its end) the offset in the text as typed.
struct UnescapedInput {
  std::string bytes;
  std::vector<std::size_t> typedOffset;

  /// Maps a [offset, offset+length) span of `bytes` back to the typed text.
  std::pair<std::size_t, std::size_t> typedSpan(std::size_t offset, std::size_t length) const;
};

UnescapedInput unescapeGroupSeparators(std::string_view typed);

/// The GS byte written back as "\x1D", for display.
std::string escapeGroupSeparators(std::string_view bytes);

}  // namespace gs1inspect::gs1

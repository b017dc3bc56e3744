#pragma once
// Turns what ZXing-C++ 1.4 returns into a DecodedSymbol: the format's name
// in the frame set vocabulary and GS1 content rebuilt from the symbology
// identifier and raw data, never trusted from ZXing's display text.
//
// ZXing 1.4 quirks handled here: DataBar Omni/Stacked data comes without its
// (01); DataBar Expanded comes already bracketed; Code 128, DataMatrix and QR
// announce GS1 data by their symbology identifier (]C1, ]d2, ]Q3).

#include <ZXing/Result.h>

#include "gs1/parser.hpp"
#include "read/decoded_symbol.hpp"

namespace gs1inspect::read {

/// The normalised symbol; `parsed` is filled for GS1 data.
DecodedSymbol normaliseZxing(const ZXing::Result& result, const gs1::ParseOptions& options);

/// The same from plain fields: the format as ZXing's ToString() names it
/// ("Code128", "DataBar", "DataBarExpanded", "DataMatrix", "QRCode",
/// "EAN-13", "EAN-8", "UPC-A"), the symbology identifier, and the content
/// text (GS as the byte 0x1D). Used where results cross a process boundary.
DecodedSymbol normaliseDecoded(std::string_view zxingFormat, std::string_view symbologyId, std::string_view text,
                               const gs1::ParseOptions& options);

}  // namespace gs1inspect::read

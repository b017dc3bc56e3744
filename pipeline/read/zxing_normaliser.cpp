#include "read/zxing_normaliser.hpp"

#include <algorithm>

#include "gs1/output_forms.hpp"

namespace gs1inspect::read {

namespace {

bool allDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

DecodedSymbol plain(std::string symbology, std::string_view symbologyId, std::string_view text) {
  DecodedSymbol s;
  s.symbology = std::move(symbology);
  s.hri = std::string(text);
  s.raw = std::string(symbologyId) + std::string(text);
  return s;
}

// GS1 data: `data` is raw (GS separated) or bracketed; the symbol's raw form
// carries the GS1 symbology identifier.
DecodedSymbol gs1Symbol(std::string symbology, std::string_view gs1Id, std::string_view data,
                        const gs1::ParseOptions& options) {
  DecodedSymbol s;
  s.symbology = std::move(symbology);
  s.gs1 = true;
  s.parsed = gs1::parse(data, options);
  if (s.parsed.form == gs1::InputForm::Raw && !data.starts_with("]")) {
    // Locate errors in the symbol's raw form, which starts with the identifier.
    s.parsed = gs1::parse(std::string(gs1Id) + std::string(data), options);
  }
  s.hri = gs1::toBracketed(s.parsed).value_or(std::string(data));
  const auto raw = gs1::toRaw(s.parsed);
  s.raw = std::string(gs1Id) + (raw ? *raw : std::string(data));
  return s;
}

}  // namespace

DecodedSymbol normaliseDecoded(std::string_view format, std::string_view id, std::string_view text,
                               const gs1::ParseOptions& options) {
  if (format == "Code128") {
    if (id == "]C1") return gs1Symbol("gs1-128", "]C1", text, options);
    return plain("code128", id, text);
  }
  if (format == "DataBar") {
    // ZXing 1.4 gives the 14 GTIN digits without their AI.
    const std::string data = allDigits(text) && text.size() == 14 ? "01" + std::string(text) : std::string(text);
    return gs1Symbol("gs1-databar-omni", "]e0", data, options);
  }
  if (format == "DataBarExpanded") return gs1Symbol("gs1-databar-expanded", "]e0", text, options);
  if (format == "DataMatrix") {
    if (id == "]d2") return gs1Symbol("gs1-datamatrix", "]d2", text, options);
    return plain("datamatrix", id, text);
  }
  if (format == "QRCode") {
    if (id == "]Q3") return gs1Symbol("gs1-qr", "]Q3", text, options);
    return plain("qr", id, text);
  }
  if (format == "EAN-13") return plain("ean13", id, text);
  if (format == "EAN-8") return plain("ean8", id, text);
  if (format == "UPC-A") return plain("upca", id, text);
  return plain(std::string(format), id, text);
}

DecodedSymbol normaliseZxing(const ZXing::Result& result, const gs1::ParseOptions& options) {
  const auto& bytes = result.bytes();
  const std::string text(bytes.begin(), bytes.end());
  // Code 128, DataMatrix and QR: the bytes are the data with GS for FNC1.
  // DataBar: bytes() is empty in 1.4 for some symbols; the text is the data.
  const std::string content = text.empty() ? result.text() : text;
  DecodedSymbol s = normaliseDecoded(ZXing::ToString(result.format()), result.symbologyIdentifier(),
                                     result.format() == ZXing::BarcodeFormat::DataBarExpanded ? result.text() : content,
                                     options);
  // Non-GS1 text as ZXing decodes it (character set and ECI applied, UTF-8);
  // `raw` keeps the symbol's own bytes.
  if (!s.gs1) s.hri = result.text();
  const auto& p = result.position();
  for (std::size_t i = 0; i < 4; ++i) s.quad[i] = {static_cast<float>(p[i].x), static_cast<float>(p[i].y)};
  return s;
}

}  // namespace gs1inspect::read

#include "generator/symbol_renderer.hpp"

#include <memory>

#include <zint.h>

namespace gs1inspect::generator {

std::string symbologyName(Symbology s) {
  switch (s) {
    case Symbology::Gs1128: return "gs1-128";
    case Symbology::DataBarOmni: return "gs1-databar-omni";
    case Symbology::DataBarStacked: return "gs1-databar-stacked";
    case Symbology::DataBarExpanded: return "gs1-databar-expanded";
    case Symbology::DataBarExpandedStacked: return "gs1-databar-expanded-stacked";
    case Symbology::DataMatrix: return "gs1-datamatrix";
    case Symbology::Qr: return "gs1-qr";
    case Symbology::Ean13: return "ean13";
    case Symbology::UpcA: return "upca";
    case Symbology::Ean8: return "ean8";
  }
  return "?";
}

std::string symbolText(Symbology s, const Gs1Content& content) {
  // A GTIN-13 is the GTIN-14 without its leading 0; a GTIN-12 without "00".
  if (s == Symbology::Ean13) return content.gtin.substr(1);
  if (s == Symbology::UpcA) return content.gtin.substr(2);
  if (s == Symbology::Ean8) return content.gtin.substr(6);
  // DataBar carries a GTIN in (01) as 13 digits: the decoder computes the
  // check digit, so a symbol made from a wrong one reads with the right one.
  const bool dataBar = s == Symbology::DataBarOmni || s == Symbology::DataBarStacked ||
                       s == Symbology::DataBarExpanded || s == Symbology::DataBarExpandedStacked;
  const std::string& text = content.bracketed;
  if (dataBar && text.size() >= 18 && text.rfind("(01)", 0) == 0 &&
      text.find_first_not_of("0123456789", 4) >= 18) {
    return "(01)" + withCheckDigit(text.substr(4, 13)) + text.substr(18);
  }
  return text;
}

bool isLinear(Symbology s) {
  return s == Symbology::Gs1128 || s == Symbology::DataBarOmni || s == Symbology::DataBarExpanded ||
         s == Symbology::Ean13 || s == Symbology::UpcA || s == Symbology::Ean8;
}

std::optional<RenderedSymbol> renderSymbol(Symbology symbology, const Gs1Content& content, bool checked,
                                           std::string& error) {
  std::unique_ptr<zint_symbol, void (*)(zint_symbol*)> symbol(ZBarcode_Create(), ZBarcode_Delete);
  if (!symbol) {
    error = "libzint: out of memory";
    return std::nullopt;
  }
  zint_symbol& z = *symbol;
  z.scale = 0.5f;  // one pixel per module
  z.show_hrt = 0;
  z.output_options = OUT_BUFFER_INTERMEDIATE;  // '1' = dark module, '0' = light
  z.input_mode = GS1_MODE | GS1PARENS_MODE | (checked ? 0 : GS1NOCHECK_MODE);
  std::string data = content.bracketed;
  RenderedSymbol out;
  switch (symbology) {
    case Symbology::Gs1128:
      z.symbology = BARCODE_GS1_128;
      z.height = 64.0f;  // about 32 mm at X = 0.5 mm: GS1 logistic label height
      out.quietZone = 10;
      break;
    case Symbology::DataBarOmni:
    case Symbology::DataBarStacked:
      z.symbology = symbology == Symbology::DataBarOmni ? BARCODE_DBAR_OMN : BARCODE_DBAR_OMNSTK;
      z.input_mode = DATA_MODE;
      data = content.gtin;  // 14 digits, check digit included
      out.quietZone = 1;
      break;
    case Symbology::DataBarExpanded:
      z.symbology = BARCODE_DBAR_EXP;
      out.quietZone = 1;
      break;
    case Symbology::DataBarExpandedStacked:
      z.symbology = BARCODE_DBAR_EXPSTK;
      z.option_2 = 2;  // segment pairs per row
      out.quietZone = 1;
      break;
    case Symbology::DataMatrix:
      z.symbology = BARCODE_DATAMATRIX;
      out.quietZone = 1;
      break;
    case Symbology::Ean13:
    case Symbology::UpcA:
    case Symbology::Ean8:
      // BARCODE_EANX_CHK makes an EAN-8 of 8 digits, an EAN-13 of 13.
      z.symbology = symbology == Symbology::UpcA ? BARCODE_UPCA_CHK : BARCODE_EANX_CHK;
      z.input_mode = DATA_MODE;
      z.height = 60.0f;
      data = symbolText(symbology, content);
      out.quietZone = symbology == Symbology::Ean8 ? 7 : 11;
      break;
    case Symbology::Qr:
      z.symbology = BARCODE_QRCODE;
      z.option_1 = 2;  // error correction level M
      out.quietZone = 4;
      break;
  }
  const int rc = ZBarcode_Encode_and_Buffer(&z, reinterpret_cast<const unsigned char*>(data.c_str()),
                                            static_cast<int>(data.size()), 0);
  if (rc >= ZINT_ERROR) {
    error = std::string("libzint: ") + z.errtxt;
    return std::nullopt;
  }
  out.modules.create(z.bitmap_height, z.bitmap_width, CV_8UC1);
  for (int y = 0; y < z.bitmap_height; ++y) {
    for (int x = 0; x < z.bitmap_width; ++x) {
      out.modules.at<unsigned char>(y, x) = z.bitmap[y * z.bitmap_width + x] == '0' ? 255 : 0;
    }
  }
  return out;
}

}  // namespace gs1inspect::generator

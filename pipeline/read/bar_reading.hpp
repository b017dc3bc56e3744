#pragma once
// Bar-symbol reading: GS1-128 / Code 128, DataBar (all kinds), EAN/UPC from
// a bar field the localiser found.
//
//   bar field -> upright crop, lean measured and taken out -> rows
//   averaged in bands -> decoder cascade (scales, binarizers, levelled
//   rows), weak checks confirmed a second way -> GS1-128 read by the
//   project's own decoder, through a printhead stripe if need be
//   (code128_erasures) -> EAN/UPC profile read as a last resort ->
//   outline and module size -> what the symbol left of the field is read
//   again (a DataBar under a GS1-128).

#include <string_view>

#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

#include "gs1/parser.hpp"
#include "read/decoded_symbol.hpp"
#include "read/frame_reading.hpp"
#include "read/localiser.hpp"
#include "read/rectified_crop.hpp"
#include "read/zxing_call.hpp"

namespace gs1inspect::read {

/// Working images of the bar reader, reused from frame to frame.
struct BarScratch {
  RectifiedCrop crop;  // the field upright
  cv::Mat bands1x, bands2x, bands3x, levelled1x, levelled2x, full;
};

/// Reads the bar field `field` of `frame`'s image: each linear symbol in it
/// (up to four) is added to `frame`. True when the field looked like the
/// bars of a symbol (enough bars, densely, the same all along their length)
/// or was left untried when time ran out, whether or not it was read: what
/// a station counts as a symbol shown.
bool readBars(FrameReading& frame, const Candidate& field, BarScratch& scratch);

/// Reads an EAN/UPC in the bar field `field` smeared by `smearPx` along the
/// frame's x, modelling the smear rather than undoing it
/// (smeared_ean_upc); a symbol read is added to `frame`. True when read.
bool readSmearedEanUpcBars(FrameReading& frame, const Candidate& field, float smearPx, BarScratch& scratch);

/// The symbol of a linear result read in `crop`, whose part `seen` (crop
/// px) the decoder was given: its data through the GS1 layer, its outline
/// (frame px, turned by `lean`, crop px across per row) and module size.
/// `outline` receives the outline's bounds in crop px.
DecodedSymbol linearSymbol(const ZXing::Result& result, const RectifiedCrop& crop, cv::Rect seen,
                           std::string_view strategy, const gs1::ParseOptions& parse, cv::Rect& outline,
                           float lean = 0);

}  // namespace gs1inspect::read

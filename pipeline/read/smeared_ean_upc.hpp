#pragma once
// EAN-13, UPC-A and EAN-8 read through a motion smear that no filter can
// undo.
//
// A smear of L px is a box of L px over the bars: its spectrum is zero at
// every multiple of 1/L, and once L is two modules or more the symbol's
// own frequencies fall on those zeros; a Wiener filter leaves them out and
// the bars do not come back. But what the smear does is known exactly: the
// profile across the bars is paper minus contrast times the share of ink
// in a window of L px (then a little lens blur). So the reader does not
// undo it; it asks which symbol, seen through that window, gives the
// profile measured:
//
//   profile (median of the rows across the bars) -> paper line, the
//   symbol's ends outwards to its quiet zones -> for each placement of
//   the 95 (or 67) modules, perspective and spread tried:
//   the cost of every pair of neighbouring characters (the window spans at
//   most two) -> dynamic programming over the characters with the parity
//   pattern and the check digit in its state, keeping the best two valid
//   symbols -> paper and ink levels refitted (they may slope: uneven light)
//   -> the placement and spread that explain the profile best.
//
// The read stands only when the best symbol explains the profile to within
// its noise and every other valid symbol explains it far worse: each
// symbol's squared misfit against the noise's variance is twice its
// log-likelihood, and the second symbol must be worse by kMinEvidence
// (smeared_ean_upc.cpp), the variance taken over the character the best
// fits worst. Otherwise nothing is returned. With no smear the spread is
// the lens's blur alone: the same reading serves symbols blurred past
// their one-module spaces.

#include <optional>

#include <opencv2/core/mat.hpp>

#include "read/ean_upc_profile.hpp"

namespace gs1inspect::read {

/// Reads `rows` (8-bit, bars vertical, one row per band of averaged crop
/// rows) whose bars are smeared along x by a box of `smearPx` px. The rows
/// that cross the bars (those with the most contrast) give one profile,
/// column by column their median (text printed over some of them is left
/// out). `smearPx` 0: the lens's blur alone. `left`/`right` are the outer
/// guard edges in `rows` x; the row span is that of the rows used; `moduleFit` is 1 less the read's RMS
/// misfit over the contrast between paper and ink.
/// Pure function: thread-safe.
std::optional<EanUpcRead> readSmearedEanUpc(const cv::Mat& rows, float smearPx);

}  // namespace gs1inspect::read

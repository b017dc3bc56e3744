#pragma once
// Motion smear along the belt, measured and undone.
//
// A carton that moves while the shutter is open is imaged as the mean of
// its positions: every row along the belt is convolved with a box as long
// as the carton travelled during the exposure (belt speed x exposure). A
// box's spectrum is a sinc whose zeros fall at multiples of 1/length, so
// the log spectrum of smeared rows is periodic in frequency and its
// cepstrum (the spectrum of the log spectrum) has a deep negative peak at
// the smear length, whatever the symbol under it. Knowing the length, a
// Wiener filter gives the rows back where the sinc is not zero.
//
// Rows are the frame's rows: the belt moves along the frame's x axis.

#include <optional>

#include <opencv2/core/mat.hpp>

namespace gs1inspect::read {

/// The shortest and longest smear measured (px). Below the shortest, lens
/// blur and the smear are alike and undoing it gains nothing.
inline constexpr float kMinSmearPx = 3.5F;
inline constexpr float kMaxSmearPx = 16.0F;

/// The smear length (px) along x of `region` (8-bit grey), when its rows
/// show one between kMinSmearPx and kMaxSmearPx; nothing when they don't
/// (a sharp image, a plain one, one too narrow to tell). Rows are averaged
/// in bands of `rowsPerBand` before their spectra are taken: bars, the
/// same all along, keep their spectrum while the sensor's noise falls by
/// the root of that number (2D symbols gain nothing: 1).
std::optional<float> smearAlongX(const cv::Mat& region, int rowsPerBand = 1);

/// `region` (8-bit grey) with a smear of `length` px along x undone, into
/// `out` (8-bit grey, the same size). How far it is undone depends on the
/// region's own sensor noise against its contrast, and on `rowsAveraged`:
/// the rows a reader averages before it decodes (bar readers average
/// bands of rows across the bars, which takes the noise down by the root
/// of their number; a 2D reader samples modules one by one). Rows are
/// undone by groups of `rowsPerGroup` (their mean, given to each): bars
/// upright enough to stay put over a group lose nothing a band reader
/// sees, and the filter costs that many times less.
void undoSmearAlongX(const cv::Mat& region, float length, cv::Mat& out, int rowsAveraged = 1, int rowsPerGroup = 1);

}  // namespace gs1inspect::read

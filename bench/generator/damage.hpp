#pragma once
// Damage tags of the frame set format and the parameter ranges the
// generator draws them from (also in `gs1-inspect make-frames --help` and
// the README).
//
// The ranges are versioned as a damage model: model 1 is what the first
// sets were made with (a set made with it is reproduced exactly from its
// seed); model 2 widens them to what lines see: printhead stripes from one
// dead element to a worn cluster (0.25-4 mm), with a faint residue of
// toner, through any part of a symbol; sensor noise of a 1 ms exposure in
// poor light; glare that saturates; print contrast down to 25%; tape,
// straps and neighbouring cartons over a symbol.

#include <string>
#include <vector>

namespace gs1inspect::generator {

enum class Damage {
  Stripe, Blur, Motion, Noise, LowContrast, UnevenLight, Glare, Perspective, Rotation, Crease, Partial, QuietZone
};

inline constexpr Damage kAllDamage[] = {Damage::Stripe,     Damage::Blur,        Damage::Motion,
                                        Damage::Noise,      Damage::LowContrast, Damage::UnevenLight,
                                        Damage::Glare,      Damage::Perspective, Damage::Rotation,
                                        Damage::Crease,     Damage::Partial,     Damage::QuietZone};

/// The damage model new sets are made with; 1 reproduces the first sets.
inline constexpr int kLatestDamageModel = 2;

/// The format's tag ("stripe", "low-contrast", ...).
std::string damageTag(Damage damage);
/// The damage with that tag, if any.
bool damageFromTag(const std::string& tag, Damage& out);

/// Parameter ranges of one damage model (frame pixels unless said
/// otherwise; each pair is [min, max]). Plain value.
struct DamageRanges {
  int model = kLatestDamageModel;
  // stripe: model 1 gives its width in frame px, model 2 in mm on the label
  // (one 203 dpi element is 0.125 mm: 0.25 mm is two dead elements).
  double stripeMinPx = 2, stripeMaxPx = 8;
  double stripeMinMm = 0.25, stripeMaxMm = 4.0;
  double stripeResidueMax = 0.0;          // share of the ink the dead elements still leave (0: none)
  double blurMinSigma = 1.0, blurMaxSigma = 2.0;    // extra defocus, Gaussian sigma
  double motionMinPx = 4, motionMaxPx = 12;         // smear along the belt
  double noiseMinSigma = 6, noiseMaxSigma = 14;     // extra sensor noise, grey levels
  double lowContrastMin = 0.30, lowContrastMax = 0.55;  // ink density left = the print contrast signal (PCS)
  double unevenMin = 0.40, unevenMax = 0.70;        // light lost across the carton
  double glareMinRadius = 40, glareMaxRadius = 90;  // specular spot radius
  double glareMinPeak = 80, glarePeakMax = 150;     // grey levels added at its centre (over 255 saturates)
  double tiltMinDeg = 10, tiltMaxDeg = 30;          // face tilted away from the camera
  double creaseMinShift = 1, creaseMaxShift = 3;    // label displacement at the fold (px)
  double partialMin = 0.15, partialMax = 0.35;      // share of a symbol covered or torn
  double strapMinMm = 12, strapMaxMm = 19;          // model 2: a strap's width (mm)
  double quietZoneMinModules = 1, quietZoneMaxModules = 4;  // intruding mark's distance

  /// The ranges of model `model` (1 or 2).
  static DamageRanges forModel(int model);
};

/// One line per tag: what is done and its parameter range.
std::string damageHelp(const DamageRanges& ranges = DamageRanges::forModel(kLatestDamageModel));

}  // namespace gs1inspect::generator
